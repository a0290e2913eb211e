using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "protocol")
{
    return await PenToscana.Bench.Protocol.RegistrationLoad.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

/// <summary>Entry point of the benchmark runner.</summary>
public partial class Program;
