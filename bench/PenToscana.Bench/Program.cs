using BenchmarkDotNet.Running;
using PenToscana.Bench.Invoicing;

if (args.Length > 0 && args[0] == "invoicing-throughput")
{
    InvoiceThroughput.Run(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point of the benchmark runner.</summary>
public partial class Program;
