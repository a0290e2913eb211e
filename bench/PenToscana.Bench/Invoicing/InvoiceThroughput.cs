using System.Diagnostics;
using System.Globalization;
using PenToscana.Modules.Invoicing.Engine;

namespace PenToscana.Bench.Invoicing;

/// <summary>
/// A load driver for the numbers of the closing note: invoices per second on one thread and on every core, MB/s, bytes
/// allocated per invoice, peak working set. Run: <c>dotnet run -c Release --project bench/PenToscana.Bench -- invoicing-throughput</c>.
/// </summary>
internal static class InvoiceThroughput
{
    public static void Run(TextWriter output)
    {
        _ = FatturaSchemas.Set;
        var official = InvoiceCorpus.Official.Select(InvoiceCorpus.Sample).ToArray();
        var cases = new List<(string Name, byte[][] Files, TimeSpan Duration)>
        {
            ("official samples (6, round robin)", official, TimeSpan.FromSeconds(5)),
            ("FPA03 (8 KB, lotto of 2)", [InvoiceCorpus.Sample("IT01234567890_FPA03.xml")], TimeSpan.FromSeconds(5)),
            ("1,000-line invoice", [InvoiceCorpus.WithLines(1000)], TimeSpan.FromSeconds(5)),
            ("invoice just under 5 MB", [InvoiceCorpus.NearFiveMegabytes()], TimeSpan.FromSeconds(8)),
        };

        output.WriteLine($"processors: {Environment.ProcessorCount}, .NET {Environment.Version}");
        foreach (var (name, files, duration) in cases)
        {
            output.WriteLine($"{name}: {files.Sum(f => f.Length) / files.Length:N0} bytes, readable: {!InvoiceValidator.Validate(files[0]).Issues.Any(i => i.Code is "00200" or "00003")}");
            Measure(output, "  full validation", files, duration, threads: 1, schemaOnly: false);
            Measure(output, "  XSD only (anchor 1e method)", files, duration, threads: 1, schemaOnly: true);
            Measure(output, "  full validation", files, duration, threads: Environment.ProcessorCount, schemaOnly: false);
        }

        using var process = Process.GetCurrentProcess();
        output.WriteLine($"peak working set of the whole run: {process.PeakWorkingSet64 / (1024 * 1024)} MiB");
    }

    private static void XsdOnly(byte[] file)
    {
        var settings = new System.Xml.XmlReaderSettings
        {
            DtdProcessing = System.Xml.DtdProcessing.Prohibit,
            XmlResolver = null,
            ValidationType = System.Xml.ValidationType.Schema,
            Schemas = FatturaSchemas.Set,
            ValidationFlags = System.Xml.Schema.XmlSchemaValidationFlags.None,
        };
        settings.ValidationEventHandler += (_, _) => { };
        using var reader = System.Xml.XmlReader.Create(new MemoryStream(file, writable: false), settings);
        while (reader.Read())
        {
        }
    }

    private static void Measure(TextWriter output, string name, byte[][] files, TimeSpan duration, int threads, bool schemaOnly)
    {
        // Warm-up.
        foreach (var f in files)
        {
            InvoiceValidator.Validate(f);
        }

        long count = 0, bytes = 0, allocated = 0;
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            long n = 0, b = 0;
            long before = GC.GetAllocatedBytesForCurrentThread();
            int i = t;
            while (watch.Elapsed < duration)
            {
                var file = files[i++ % files.Length];
                if (schemaOnly)
                {
                    XsdOnly(file);
                }
                else
                {
                    InvoiceValidator.Validate(file);
                }

                n++;
                b += file.Length;
            }

            Interlocked.Add(ref allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            Interlocked.Add(ref count, n);
            Interlocked.Add(ref bytes, b);
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        double seconds = watch.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-32} threads={threads}  {count / seconds,10:N0} invoices/s  {bytes / seconds / 1e6,8:N1} MB/s  {allocated / Math.Max(count, 1) / 1024.0,10:N1} KiB allocated/invoice  ({count:N0} in {seconds:N1} s)"));
    }
}
