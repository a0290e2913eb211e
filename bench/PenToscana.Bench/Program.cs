using BenchmarkDotNet.Running;
using PenToscana.Bench.Invoicing;

if (args.Length > 0 && args[0] == "invoicing-throughput")
{
    InvoiceThroughput.Run(Console.Out);
    return 0;
}

if (args.Length > 0 && args[0] == "payments")
{
    return await PenToscana.Bench.Payments.PaymentsLoad.RunAsync(args);
}

if (args.Length > 0 && args[0] == "protocol-search")
{
    return await PenToscana.Bench.Protocol.SearchLoad.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "applications-rush")
{
    await PenToscana.Bench.Applications.ApplicationsRush.RunAsync(args[1..]);
    return 0;
}

if (args.Length > 0 && args[0] == "protocol")
{
    return await PenToscana.Bench.Protocol.RegistrationLoad.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "infodesk")
{
    return await PenToscana.Bench.InfoDesk.ReportsLoad.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

/// <summary>Entry point of the benchmark runner.</summary>
public partial class Program;
