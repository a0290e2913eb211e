using System.Diagnostics;
using System.Text;
using PenToscana.Modules.Invoicing.Engine;

namespace PenToscana.UnitTests.Invoicing;

/// <summary>
/// Property: whatever bytes arrive, validation returns a report (never throws, never hangs) and a file it cannot read is never
/// reported valid. Inputs are the samples mutated at random, with fixed seeds so a failure can be replayed.
/// </summary>
public sealed class ValidatorFuzzTests
{
    private static readonly string[] Seeds = Directory.GetFiles(Samples.Folder, "*.xml").Order(StringComparer.Ordinal).ToArray();

    private static readonly string[] Fragments =
    [
        "<", ">", "&", "&amp;", "<!DOCTYPE x>", "<![CDATA[", "]]>", "</FatturaElettronicaBody>", "<DettaglioLinee>", "\u0000", "é", "\uFFFF",
        "-1.00", "99999999999.99", "0.00", "N2", "TD29", "<?xml version=\"1.0\"?>", "xmlns:p=\"urn:x\"", "<DatiRiepilogo><AliquotaIVA>22.00</AliquotaIVA></DatiRiepilogo>",
    ];

    private static byte[] Mutate(byte[] source, Random random)
    {
        var bytes = new List<byte>(source);
        int mutations = random.Next(1, 6);
        for (int m = 0; m < mutations && bytes.Count > 0; m++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 200), bytes.Count - at));
                    break;
                case 2:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Fragments[random.Next(Fragments.Length)]));
                    break;
                case 3:
                    int length = Math.Min(random.Next(1, 400), bytes.Count - at);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 5:
                    var text = Encoding.UTF8.GetString(bytes.ToArray());
                    var digits = text.ToCharArray();
                    for (int i = 0; i < digits.Length; i++)
                    {
                        if (char.IsAsciiDigit(digits[i]) && random.Next(20) == 0)
                        {
                            digits[i] = (char)('0' + random.Next(10));
                        }
                    }

                    bytes = [.. Encoding.UTF8.GetBytes(digits)];
                    break;
                default:
                    bytes.Insert(at, (byte)"<>/&\"'"[random.Next(6)]);
                    break;
            }
        }

        return [.. bytes];
    }

    [Fact]
    public void Mutated_samples_never_crash_or_hang_the_validator()
    {
        int reports = 0;
        var slowest = TimeSpan.Zero;
        for (int seed = 0; seed < 2000; seed++)
        {
            var random = new Random(seed);
            byte[] source = File.ReadAllBytes(Seeds[seed % Seeds.Length]);
            byte[] input = Mutate(source, random);
            var watch = Stopwatch.StartNew();
            ValidationReport report;
            try
            {
                report = InvoiceValidator.Validate(input, new ValidationOptions { ReceivedOn = new DateOnly(2026, 11, 26), FileName = "IT01234567897_00001.xml" });
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"seed {seed} ({Seeds[seed % Seeds.Length]}) crashed the validator", ex);
            }

            watch.Stop();
            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
            report.Issues.ShouldAllBe(i => !string.IsNullOrEmpty(i.Code) && !string.IsNullOrEmpty(i.Message) && i.Path.StartsWith('/'));
            if (report.IsValid)
            {
                report.Facts.Bodies.Count.ShouldBeGreaterThan(0, $"seed {seed}: a valid report without an invoice body");
            }

            reports++;
        }

        reports.ShouldBe(2000);
        // Not a timing assertion: a hang shows up as a test that never ends; this bound only catches pathological blow-ups.
        slowest.ShouldBeLessThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Random_bytes_never_crash_the_validator()
    {
        var random = new Random(42);
        for (int i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 4096)];
            random.NextBytes(bytes);
            if (i % 3 == 0 && bytes.Length > 2)
            {
                bytes[0] = 0x30; // looks like DER
            }
            else if (i % 3 == 1 && bytes.Length > 2)
            {
                bytes[0] = (byte)'M';
                bytes[1] = (byte)'I';
            }

            InvoiceValidator.Validate(bytes).IsValid.ShouldBeFalse();
        }
    }
}
