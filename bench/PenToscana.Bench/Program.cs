using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "payments")
{
    return await PenToscana.Bench.Payments.PaymentsLoad.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

/// <summary>Entry point of the benchmark runner.</summary>
public partial class Program;
