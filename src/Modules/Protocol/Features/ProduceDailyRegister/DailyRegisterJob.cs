using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using PenToscana.Contracts.Protocol;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Jobs;
using PenToscana.Modules.Protocol.Data;
using PenToscana.Modules.Protocol.Documents;
using PenToscana.Modules.Protocol.Features.Receipt;

namespace PenToscana.Modules.Protocol.Features.ProduceDailyRegister;

/// <summary>
/// The daily protocol register (DPR 445/2000 art. 53 c. 2; AgID guidelines §3.1.6): every night, for each AOO register and
/// each Italian calendar day not yet produced up to yesterday, the list of that day's registrations as PDF (for people),
/// XML and CSV (for machines), stored in the blob store with their SHA-256 and announced to preservation with
/// <see cref="DailyRegisterProduced"/>. Days missed while the platform was down are produced on the next run.
/// </summary>
internal sealed class DailyRegisterJob(ProtocolDb db, KernelDb kernel, IBlobStore blobs, TimeProvider time) : IScheduledJob
{
    /// <summary>At most this many days per register and run, so a long outage is caught up over a few runs, not one huge one.</summary>
    public const int MaxDaysPerRun = 400;

    public string Name => "protocol-daily-register";

    public string Description => "Registro giornaliero di protocollo del giorno precedente (PDF, XML, CSV) per ogni AOO, con recupero dei giorni mancanti";

    public JobSchedule Schedule => JobSchedule.Daily(0, 20);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var yesterday = time.TodayInItaly().AddDays(-1);
        var registers = await db.Registers.IgnoreQueryFilters().AsNoTracking().OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
        foreach (var register in registers)
        {
            var last = await db.DailyRegisters.IgnoreQueryFilters().Where(d => d.RegisterId == register.Id)
                .OrderByDescending(d => d.Day).Select(d => (DateOnly?)d.Day).FirstOrDefaultAsync(cancellationToken);
            var day = last?.AddDays(1) ?? register.CreatedAt.ItalianDate();
            for (int i = 0; day <= yesterday && i < MaxDaysPerRun; i++, day = day.AddDays(1))
            {
                await ProduceAsync(register, day, cancellationToken);
            }
        }
    }

    public async Task<DailyRegister> ProduceAsync(ProtocolRegister register, DateOnly day, CancellationToken cancellationToken)
    {
        var ente = await kernel.Enti.AsNoTracking().SingleAsync(e => e.Id == register.EnteId, cancellationToken);
        var aooName = await kernel.Aoos.IgnoreQueryFilters().AsNoTracking().Where(a => a.Id == register.AooId).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken)
            ?? register.AooCode;
        var start = StartOf(day);
        var end = StartOf(day.AddDays(1));
        var entries = await db.Entries.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.RegisterId == register.Id && e.RegisteredAt >= start && e.RegisteredAt < end)
            .Include(e => e.Correspondents)
            .Include(e => e.Documents)
            .OrderBy(e => e.Year).ThenBy(e => e.Number)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();

        var pdf = await blobs.PutAsync(new MemoryStream(Pdf(ente.Name, aooName, register, day, entries, now)), cancellationToken: cancellationToken);
        var xml = await blobs.PutAsync(new MemoryStream(Xml(ente.IpaCode, ente.Name, register, day, entries, now)), cancellationToken: cancellationToken);
        var csv = await blobs.PutAsync(new MemoryStream(Csv(entries)), cancellationToken: cancellationToken);
        var daily = new DailyRegister
        {
            Id = Guid.CreateVersion7(now),
            EnteId = register.EnteId,
            RegisterId = register.Id,
            EnteIpa = register.EnteIpa,
            AooCode = register.AooCode,
            Day = day,
            EntryCount = entries.Count,
            FirstNumber = entries.Count == 0 ? null : entries[0].Number,
            LastNumber = entries.Count == 0 ? null : entries[^1].Number,
            PdfSha256 = pdf.Sha256,
            PdfLength = pdf.Length,
            XmlSha256 = xml.Sha256,
            XmlLength = xml.Length,
            CsvSha256 = csv.Sha256,
            CsvLength = csv.Length,
            ProducedAt = now,
        };
        db.DailyRegisters.Add(daily);
        string stem = $"registro-giornaliero-{register.AooCode}-{day:yyyy-MM-dd}";
        db.Publish(
            new DailyRegisterProduced(daily.Id, register.EnteIpa, register.AooCode, day, daily.EntryCount, daily.FirstNumber, daily.LastNumber,
            [
                new ProtocolDocument(stem + ".pdf", FileSignature.Pdf, pdf.Sha256, pdf.Length),
                new ProtocolDocument(stem + ".xml", FileSignature.Xml, xml.Sha256, xml.Length),
                new ProtocolDocument(stem + ".csv", "text/csv", csv.Sha256, csv.Length),
            ]),
            now,
            register.EnteId);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return daily;
    }

    private static DateTimeOffset StartOf(DateOnly day)
    {
        var wall = day.ToDateTime(TimeOnly.MinValue);
        return ItalianTime.FromItalianWallTime(wall);
    }

    private static string Names(ProtocolEntry e) => string.Join("; ", e.Correspondents.OrderBy(c => c.Position).Select(c => c.TaxCode is null ? c.Name : $"{c.Name} ({c.TaxCode})"));

    private static string Primary(ProtocolEntry e) => e.Documents.OrderBy(d => d.Position).First().Sha256;

    private static byte[] Pdf(string enteName, string aooName, ProtocolRegister register, DateOnly day, List<ProtocolEntry> entries, DateTimeOffset now)
    {
        using var pdf = new PdfText($"Registro giornaliero di protocollo {register.AooCode} {day:dd/MM/yyyy}");
        pdf.Title($"{enteName}\nRegistro giornaliero di protocollo del {day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}");
        pdf.Line("Area organizzativa", $"{aooName} ({register.AooCode}) - registro {register.Code}");
        pdf.Line("Registrazioni", entries.Count == 0
            ? "Nessuna registrazione in questo giorno."
            : $"{entries.Count}, dal n. {entries[0].NumberText} al n. {entries[^1].NumberText}");
        pdf.Line("Prodotto il", now.ToItalianDisplay());
        pdf.Space();
        if (entries.Count > 0)
        {
            pdf.Table(
                ["Numero", "Ora", "Tipo", "Oggetto", "Corrispondenti", "Impronta documento (SHA-256)"],
                [0.09, 0.07, 0.08, 0.3, 0.2, 0.26],
                entries.Select(e => (IReadOnlyList<string>)
                [
                    e.NumberText,
                    TimeZoneInfo.ConvertTime(e.RegisteredAt, ItalianTime.Rome).ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                    ReceiptPdf.DirectionLabel(e.Direction),
                    e.IsAnnulled ? $"[ANNULLATA] {e.Subject}" : e.Subject,
                    Names(e),
                    Primary(e),
                ]));
        }

        return pdf.ToBytes();
    }

    private static byte[] Xml(string ipa, string enteName, ProtocolRegister register, DateOnly day, List<ProtocolEntry> entries, DateTimeOffset now)
    {
        var root = new XElement("RegistroGiornaliero",
            new XAttribute("codiceAmministrazione", ipa),
            new XAttribute("denominazione", enteName),
            new XAttribute("codiceAOO", register.AooCode),
            new XAttribute("codiceRegistro", register.Code),
            new XAttribute("data", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new XAttribute("prodottoIl", now.ToString("O", CultureInfo.InvariantCulture)),
            new XAttribute("numeroRegistrazioni", entries.Count),
            entries.Select(e => new XElement("Registrazione",
                new XAttribute("numero", e.NumberText),
                new XAttribute("anno", e.Year),
                new XAttribute("dataOra", e.RegisteredAt.ToString("O", CultureInfo.InvariantCulture)),
                new XAttribute("tipo", e.Direction.ToString().ToLowerInvariant()),
                new XAttribute("canale", e.Channel),
                new XAttribute("annullata", e.IsAnnulled ? "true" : "false"),
                new XElement("Oggetto", e.Subject),
                e.SenderReference is null ? null : new XElement("ProtocolloMittente", e.SenderReference),
                e.Classification is null ? null : new XElement("Classifica", e.Classification),
                e.EmergencyNumber is null ? null : new XElement("NumeroEmergenza", e.EmergencyNumber),
                e.Correspondents.OrderBy(c => c.Position).Select(c => new XElement("Corrispondente",
                    c.TaxCode is null ? null : new XAttribute("codiceFiscale", c.TaxCode),
                    c.IpaCode is null ? null : new XAttribute("codiceIPA", c.IpaCode),
                    c.Name)),
                e.Documents.OrderBy(d => d.Position).Select(d => new XElement(d.IsPrimary ? "DocumentoPrincipale" : "Allegato",
                    new XAttribute("nomeFile", d.FileName),
                    new XAttribute("mimeType", d.MediaType),
                    new XAttribute("impronta", d.Sha256),
                    new XAttribute("algoritmo", "SHA-256"))))));
        using var stream = new MemoryStream();
        new XDocument(new XDeclaration("1.0", "UTF-8", null), root).Save(stream);
        return stream.ToArray();
    }

    private static byte[] Csv(List<ProtocolEntry> entries)
    {
        var csv = new StringBuilder();
        csv.Append("anno;numero;data_ora;tipo;canale;oggetto;corrispondenti;protocollo_mittente;classifica;annullata;impronta_sha256;allegati\r\n");
        foreach (var e in entries)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{e.Year};{e.NumberText};{e.RegisteredAt:O};{e.Direction.ToString().ToLowerInvariant()};{Field(e.Channel)};")
               .Append(CultureInfo.InvariantCulture, $"{Field(e.Subject)};{Field(Names(e))};{Field(e.SenderReference)};{Field(e.Classification)};{(e.IsAnnulled ? "si" : "no")};")
               .Append(CultureInfo.InvariantCulture, $"{Primary(e)};{e.AttachmentCount}\r\n");
        }

        return new UTF8Encoding(false).GetBytes(csv.ToString());
    }

    /// <summary>RFC 4180 quoting; a leading formula character is neutralised so spreadsheets do not run it.</summary>
    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
