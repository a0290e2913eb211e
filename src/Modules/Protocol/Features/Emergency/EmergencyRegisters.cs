using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using PenToscana.Contracts.Protocol;
using PenToscana.Kernel.Audit;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Values;
using PenToscana.Modules.Protocol.Data;
using PenToscana.Modules.Protocol.Documents;
using PenToscana.Modules.Protocol.Features.RegisterDocument;

namespace PenToscana.Modules.Protocol.Features.Emergency;

/// <summary>One problem of an emergency import, by CSV line (1 = the header).</summary>
internal sealed record EmergencyRowProblem(int Line, string? EmergencyNumber, string Message);

/// <summary>What an import did: rows registered (in emergency-number order), rows already imported earlier, or the problems found.</summary>
internal sealed record EmergencyImportOutcome(
    IReadOnlyList<(long EmergencyNumber, ProtocolRegistration Registration)> Registered,
    IReadOnlyList<long> AlreadyImported,
    IReadOnlyList<EmergencyRowProblem> Problems)
{
    public bool Refused => Problems.Count > 0;
}

/// <summary>
/// The emergency register (DPR 445/2000 art. 63; AgID guidelines 2021 §3.1.6). An administrator opens it when the system
/// cannot be used, recording the cause and the start of the interruption, and closes it with the time service came back.
/// Its entries, numbered on paper 1, 2, 3… from the opening, are then imported from a CSV file (with their documents in an
/// optional ZIP): each receives the next regular number of the AOO's register, linked to its emergency number and time.
/// A file is imported whole or not at all; rows imported before are recognised and skipped, so a file can be re-sent.
/// </summary>
internal sealed class EmergencyRegisterHandler(ProtocolDb db, KernelDb kernel, RegisterDirectory registers, RegistrationQueue queue, IBlobStore blobs, AuditLog audit, TimeProvider time)
{
    public const long MaxCsvBytes = 5 * 1024 * 1024;
    public const long MaxZipBytes = 200L * 1024 * 1024;
    public const int MaxRows = 5000;

    private static readonly string[] RequiredColumns = ["numero", "data_ora", "tipo", "oggetto"];

    public static readonly string[] Columns = ["numero", "data_ora", "tipo", "oggetto", "corrispondente", "codice_fiscale", "canale", "classificazione", "protocollo_mittente", "file"];

    public async Task<Result<EmergencyRegister>> OpenAsync(Ente ente, string? aooCode, string? cause, DateTimeOffset? startedAt, string by, CancellationToken ct)
    {
        var aoos = await kernel.Aoos.IgnoreQueryFilters().AsNoTracking().Where(a => a.EnteId == ente.Id).OrderBy(a => a.Id).ToListAsync(ct);
        var aoo = string.IsNullOrWhiteSpace(aooCode) ? aoos.FirstOrDefault() : aoos.FirstOrDefault(a => a.Code == aooCode);
        if (aoo is null)
        {
            return Result.Failure<EmergencyRegister>(new Error("aoo-sconosciuta", $"L'area organizzativa omogenea «{aooCode}» non esiste presso {ente.Name}."));
        }

        if (string.IsNullOrWhiteSpace(cause) || cause.Trim().Length > 1000)
        {
            return Result.Failure<EmergencyRegister>(new Error("causa", "Indicare la causa dell'interruzione (al massimo 1000 caratteri)."));
        }

        var now = time.GetUtcNow();
        var start = (startedAt ?? now).ToUniversalTime();
        if (start > now.AddMinutes(1))
        {
            return Result.Failure<EmergencyRegister>(new Error("inizio", "L'inizio dell'interruzione non può essere nel futuro."));
        }

        if (start < now.AddDays(-30))
        {
            return Result.Failure<EmergencyRegister>(new Error("inizio", "L'inizio dell'interruzione non può precedere di oltre 30 giorni l'apertura del registro di emergenza."));
        }

        var register = await registers.EnsureAsync(ente, aoo, ct);
        if (await db.EmergencyRegisters.AnyAsync(r => r.RegisterId == register.Id && r.ClosedAt == null, ct))
        {
            return Result.Failure<EmergencyRegister>(new Error("gia-aperto", $"Per l'AOO {aoo.Code} è già aperto un registro di emergenza: chiuderlo prima di aprirne un altro."));
        }

        int year = start.ItalianDate().Year;
        string prefix = $"EM-{year}-";
        int sequence = await db.EmergencyRegisters.CountAsync(r => r.EnteId == ente.Id && r.Code.StartsWith(prefix), ct) + 1;
        var emergency = new EmergencyRegister
        {
            Id = Guid.CreateVersion7(now),
            EnteId = ente.Id,
            RegisterId = register.Id,
            AooCode = aoo.Code,
            Code = prefix + sequence.ToString("00", CultureInfo.InvariantCulture),
            Cause = cause.Trim(),
            OpenedAt = start,
            OpenedBy = by,
        };
        db.EmergencyRegisters.Add(emergency);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Result.Failure<EmergencyRegister>(new Error("concorrenza", "Un altro registro di emergenza è stato aperto nello stesso momento: ricaricare la pagina."));
        }

        await audit.AppendAsync(new AuditRecord(by, "protocol.emergency.opened", ente.Id, emergency.Code, $"AOO {aoo.Code}; causa: {emergency.Cause}"), ct);
        return emergency;
    }

    public async Task<Result<EmergencyRegister>> CloseAsync(Ente ente, Guid id, DateTimeOffset? endedAt, string by, CancellationToken ct)
    {
        var emergency = await db.EmergencyRegisters.FirstOrDefaultAsync(r => r.Id == id && r.EnteId == ente.Id, ct);
        if (emergency is null)
        {
            return Result.Failure<EmergencyRegister>(new Error("non-trovato", "Registro di emergenza inesistente."));
        }

        if (emergency.ClosedAt is not null)
        {
            return Result.Failure<EmergencyRegister>(new Error("gia-chiuso", $"Il registro {emergency.Code} è già chiuso."));
        }

        var now = time.GetUtcNow();
        var end = (endedAt ?? now).ToUniversalTime();
        if (end < emergency.OpenedAt || end > now.AddMinutes(1))
        {
            return Result.Failure<EmergencyRegister>(new Error("fine", "Il ripristino va indicato tra l'inizio dell'interruzione e adesso."));
        }

        emergency.ClosedAt = end;
        emergency.ClosedBy = by;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Failure<EmergencyRegister>(new Error("modificato", "Il registro è stato modificato nel frattempo: ricaricare la pagina."));
        }

        await audit.AppendAsync(new AuditRecord(by, "protocol.emergency.closed", ente.Id, emergency.Code, $"ripristino {end.ToItalianDisplay()}"), ct);
        return emergency;
    }

    public async Task<Result<EmergencyImportOutcome>> ImportAsync(Ente ente, Guid id, Stream csv, Stream? zip, string by, CancellationToken ct)
    {
        var emergency = await db.EmergencyRegisters.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.EnteId == ente.Id, ct);
        if (emergency is null)
        {
            return Result.Failure<EmergencyImportOutcome>(new Error("non-trovato", "Registro di emergenza inesistente."));
        }

        if (emergency.ClosedAt is null)
        {
            return Result.Failure<EmergencyImportOutcome>(new Error("aperto", $"Chiudere il registro {emergency.Code} indicando il ripristino del sistema prima di importarne le registrazioni."));
        }

        var (rows, problems) = Parse(csv, emergency);
        if (rows.Count == 0 && problems.Count == 0)
        {
            problems.Add(new EmergencyRowProblem(1, null, "Il file non contiene registrazioni."));
        }

        var imported = await db.Entries.AsNoTracking().Where(e => e.EmergencyRegisterId == emergency.Id)
            .Select(e => e.EmergencyNumber!).ToListAsync(ct);
        var importedNumbers = imported.Select(n => long.Parse(n[(n.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture)).ToHashSet();
        var seen = new HashSet<long>(importedNumbers);
        var fresh = new List<EmergencyRow>();
        var already = new List<long>();
        foreach (var row in rows)
        {
            if (importedNumbers.Contains(row.Number))
            {
                already.Add(row.Number);
            }
            else if (!seen.Add(row.Number))
            {
                problems.Add(new EmergencyRowProblem(row.Line, row.NumberText, $"Il numero di emergenza {row.Number} compare più di una volta nel file."));
            }
            else
            {
                fresh.Add(row);
            }
        }

        // The emergency register is itself sequential: a missing number is a lost entry, never silently skipped.
        if (seen.Count > 0 && problems.Count == 0)
        {
            var missing = Enumerable.Range(1, (int)Math.Min(seen.Max(), MaxRows * 2)).Select(n => (long)n).Where(n => !seen.Contains(n)).Take(10).ToList();
            if (missing.Count > 0)
            {
                problems.Add(new EmergencyRowProblem(1, null, $"Mancano i numeri di emergenza {string.Join(", ", missing)}: la numerazione del registro di emergenza non ha buchi."));
            }
        }

        fresh.Sort((a, b) => a.Number.CompareTo(b.Number));
        for (int i = 1; i < fresh.Count && problems.Count == 0; i++)
        {
            if (fresh[i].RecordedAt < fresh[i - 1].RecordedAt)
            {
                problems.Add(new EmergencyRowProblem(fresh[i].Line, fresh[i].NumberText, $"La data e ora del n. {fresh[i].Number} precede quella del n. {fresh[i - 1].Number}."));
            }
        }

        var documents = new Dictionary<long, List<(string FileName, string MediaType, BlobRef Blob)>>();
        if (problems.Count == 0)
        {
            await StoreDocumentsAsync(fresh, zip, emergency, ente, documents, problems, ct);
        }

        if (problems.Count > 0)
        {
            return new EmergencyImportOutcome([], already, problems.OrderBy(p => p.Line).ToList());
        }

        if (fresh.Count == 0)
        {
            return new EmergencyImportOutcome([], already, []);
        }

        var now = time.GetUtcNow();
        var entries = fresh.Select(row => NewEntry(row, emergency, ente, documents[row.Number], by, now)).ToList();
        var registrations = await queue.CommitInOrderAsync(emergency.RegisterId, entries);
        await db.EmergencyRegisters.Where(r => r.Id == emergency.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ImportedCount, r => r.ImportedCount + entries.Count).SetProperty(r => r.Version, r => r.Version + 1), ct);
        await audit.AppendAsync(new AuditRecord(by, "protocol.emergency.imported", ente.Id, emergency.Code,
            $"{entries.Count} registrazioni: n. {registrations[0].Number}-{registrations[^1].Number}/{registrations[0].Year}"), ct);
        return new EmergencyImportOutcome(fresh.Select((r, i) => (r.Number, registrations[i])).ToList(), already, []);
    }

    private sealed record EmergencyRow(int Line, long Number, string NumberText, DateTimeOffset RecordedAt, ProtocolDirection Direction, string Subject,
        string? Correspondent, string? TaxCode, string Channel, string? Classification, string? SenderReference, string? FileName);

    private static (List<EmergencyRow> Rows, List<EmergencyRowProblem> Problems) Parse(Stream csv, EmergencyRegister emergency)
    {
        var rows = new List<EmergencyRow>();
        var problems = new List<EmergencyRowProblem>();
        using var reader = new StreamReader(csv, detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [";", ",", "\t"],
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(),
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var parser = new CsvReader(reader, config);
        try
        {
            if (!parser.Read() || !parser.ReadHeader())
            {
                problems.Add(new EmergencyRowProblem(1, null, "Il file è vuoto: serve una riga di intestazione con le colonne " + string.Join(";", Columns) + "."));
                return (rows, problems);
            }

            var header = parser.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
            var missingColumns = RequiredColumns.Where(c => !header.Contains(c)).ToList();
            if (missingColumns.Count > 0)
            {
                problems.Add(new EmergencyRowProblem(1, null, $"Mancano le colonne obbligatorie {string.Join(", ", missingColumns)}. Colonne previste: {string.Join(";", Columns)}."));
                return (rows, problems);
            }

            var unknown = header.Where(h => h.Length > 0 && !Columns.Contains(h)).ToList();
            if (unknown.Count > 0)
            {
                problems.Add(new EmergencyRowProblem(1, null, $"Colonne non previste: {string.Join(", ", unknown)}. Colonne previste: {string.Join(";", Columns)}."));
                return (rows, problems);
            }

            while (parser.Read())
            {
                int line = parser.Parser.Row;
                if (rows.Count + problems.Count >= MaxRows)
                {
                    problems.Add(new EmergencyRowProblem(line, null, $"Al massimo {MaxRows} registrazioni per file: dividere il file."));
                    break;
                }

                string? Field(string name) => header.Contains(name) && parser.GetField(name) is { } v && v.Trim().Length > 0 ? v.Trim() : null;
                if (parser.Parser.Record is { } record && record.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                var numberText = Field("numero");
                var errors = new List<string>();
                if (!long.TryParse(numberText, NumberStyles.None, CultureInfo.InvariantCulture, out long number) || number < 1)
                {
                    errors.Add($"il numero di emergenza «{numberText}» non è un numero intero positivo");
                }

                DateTimeOffset recordedAt = default;
                var when = Field("data_ora");
                if (!TryParseItalian(when, out recordedAt))
                {
                    errors.Add($"la data e ora «{when}» non è nel formato gg/mm/aaaa hh:mm");
                }
                else if (recordedAt < emergency.OpenedAt.AddMinutes(-1) || recordedAt > emergency.ClosedAt!.Value.AddMinutes(1))
                {
                    errors.Add($"la data e ora {recordedAt.ToItalianDisplay()} è fuori dal periodo del registro ({emergency.OpenedAt.ToItalianDisplay()} - {emergency.ClosedAt!.Value.ToItalianDisplay()})");
                }

                var directionText = Field("tipo")?.ToLowerInvariant();
                ProtocolDirection? direction = directionText switch
                {
                    "entrata" or "e" or "in entrata" or "incoming" => ProtocolDirection.Incoming,
                    "uscita" or "u" or "in uscita" or "outgoing" => ProtocolDirection.Outgoing,
                    "interna" or "interno" or "i" or "internal" => ProtocolDirection.Internal,
                    _ => null,
                };
                if (direction is null)
                {
                    errors.Add($"il tipo «{directionText}» non è entrata, uscita o interna");
                }

                var subject = Field("oggetto");
                if (subject is null || subject.Length > RegisterDocumentHandler.MaxSubjectLength)
                {
                    errors.Add($"l'oggetto è obbligatorio (al massimo {RegisterDocumentHandler.MaxSubjectLength} caratteri)");
                }

                var correspondent = Field("corrispondente");
                if (direction is ProtocolDirection.Incoming or ProtocolDirection.Outgoing && correspondent is null)
                {
                    errors.Add(direction == ProtocolDirection.Incoming ? "manca il mittente (colonna corrispondente)" : "manca il destinatario (colonna corrispondente)");
                }
                else if (correspondent is { Length: > 300 })
                {
                    errors.Add("il corrispondente supera i 300 caratteri");
                }

                var taxCode = Field("codice_fiscale")?.ToUpperInvariant();
                if (taxCode is not null && !(TaxCode.TryParse(taxCode, out _) || VatNumber.TryParse(taxCode, out _)))
                {
                    errors.Add($"il codice fiscale o la partita IVA «{taxCode}» non è valido");
                }

                var channel = (Field("canale")?.ToLowerInvariant()) switch
                {
                    null or "cartaceo" or "carta" or "posta" => ProtocolChannels.Paper,
                    "pec" => ProtocolChannels.Pec,
                    "email" or "e-mail" or "posta elettronica" => ProtocolChannels.Email,
                    "sportello" => ProtocolChannels.Desk,
                    "telefono" => ProtocolChannels.Phone,
                    var other => "?" + other,
                };
                if (channel.StartsWith('?'))
                {
                    errors.Add($"il canale «{channel[1..]}» non è tra cartaceo, pec, email, sportello, telefono");
                }

                var classification = Field("classificazione");
                var senderReference = Field("protocollo_mittente");
                if ((classification?.Length ?? 0) > 40 || (senderReference?.Length ?? 0) > 200)
                {
                    errors.Add("classificazione (40) o protocollo del mittente (200 caratteri) troppo lunghi");
                }

                var file = Field("file");
                if (file is { Length: > 255 })
                {
                    errors.Add("il nome del file supera i 255 caratteri");
                }

                if (errors.Count > 0)
                {
                    problems.Add(new EmergencyRowProblem(line, numberText, char.ToUpperInvariant(errors[0][0]) + string.Join("; ", errors)[1..] + "."));
                    continue;
                }

                rows.Add(new EmergencyRow(line, number, numberText!, recordedAt, direction!.Value, subject!, correspondent, taxCode, channel, classification, senderReference, file));
            }
        }
        catch (Exception ex) when (ex is CsvHelperException or DecoderFallbackException)
        {
            problems.Add(new EmergencyRowProblem(0, null, "Il file non è un CSV leggibile (UTF-8, separatore punto e virgola): " + ex.Message.Split('\n')[0]));
        }

        return (rows, problems);
    }

    private async Task StoreDocumentsAsync(List<EmergencyRow> rows, Stream? zip, EmergencyRegister emergency, Ente ente,
        Dictionary<long, List<(string, string, BlobRef)>> documents, List<EmergencyRowProblem> problems, CancellationToken ct)
    {
        ZipArchive? archive = null;
        try
        {
            if (zip is not null)
            {
                try
                {
                    archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
                    _ = archive.Entries.Count;
                }
                catch (InvalidDataException)
                {
                    problems.Add(new EmergencyRowProblem(0, null, "Il file dei documenti non è un archivio ZIP valido."));
                    return;
                }
            }

            foreach (var row in rows)
            {
                if (row.FileName is null)
                {
                    // A paper document without its scan: the entry's document is the transcript of the emergency record.
                    var pdf = Transcript(row, emergency, ente);
                    using var content = new MemoryStream(pdf);
                    documents[row.Number] = [($"registro-emergenza-{emergency.Code}-{row.Number}.pdf", "application/pdf", await blobs.PutAsync(content, cancellationToken: ct))];
                    continue;
                }

                var zipEntry = archive?.Entries.FirstOrDefault(e => string.Equals(e.FullName, row.FileName, StringComparison.OrdinalIgnoreCase))
                    ?? archive?.Entries.FirstOrDefault(e => string.Equals(e.Name, row.FileName, StringComparison.OrdinalIgnoreCase));
                if (zipEntry is null)
                {
                    problems.Add(new EmergencyRowProblem(row.Line, row.NumberText, archive is null
                        ? $"La riga indica il file «{row.FileName}»: caricare anche l'archivio ZIP dei documenti."
                        : $"Il file «{row.FileName}» non è nell'archivio ZIP."));
                    continue;
                }

                if (zipEntry.Length > MaxZipBytes)
                {
                    problems.Add(new EmergencyRowProblem(row.Line, row.NumberText, $"Il file «{row.FileName}» è troppo grande."));
                    continue;
                }

                await using var buffer = new MemoryStream();
                await using (var entryStream = await zipEntry.OpenAsync(ct))
                {
                    await entryStream.CopyToAsync(buffer, ct);
                }

                buffer.Position = 0;
                var mediaType = await DocumentTypes.DetectAsync(buffer, zipEntry.Name, ct);
                if (mediaType is null)
                {
                    problems.Add(new EmergencyRowProblem(row.Line, row.NumberText, $"Il file «{row.FileName}» non è di un tipo ammesso (PDF, XML, immagini, .p7m, testo)."));
                    continue;
                }

                buffer.Position = 0;
                documents[row.Number] = [(zipEntry.Name, mediaType, await blobs.PutAsync(buffer, cancellationToken: ct))];
            }
        }
        finally
        {
            archive?.Dispose();
        }
    }

    private static byte[] Transcript(EmergencyRow row, EmergencyRegister emergency, Ente ente)
    {
        using var pdf = new PdfText($"Registro di emergenza {emergency.Code} n. {row.Number}");
        pdf.Title($"{ente.Name}\nRegistro di emergenza {emergency.Code}");
        pdf.Line("Numero di emergenza", row.Number.ToString(CultureInfo.InvariantCulture));
        pdf.Line("Data e ora", row.RecordedAt.ToItalianDisplay());
        pdf.Line("Tipo", Receipt.ReceiptPdf.DirectionLabel(row.Direction));
        pdf.Line("Oggetto", row.Subject);
        pdf.Line("Corrispondente", row.TaxCode is null ? row.Correspondent ?? "-" : $"{row.Correspondent} ({row.TaxCode})");
        pdf.Line("Canale", RegistrationQueue.ChannelLabel(row.Channel));
        pdf.Space();
        pdf.Paragraph($"Trascrizione della registrazione annotata sul registro di emergenza dell'AOO {emergency.AooCode}, aperto il "
            + $"{emergency.OpenedAt.ToItalianDisplay()} per: {emergency.Cause}. Il documento originale è conservato agli atti (DPR 445/2000 art. 63).", isSmall: true);
        return pdf.ToBytes();
    }

    private static ProtocolEntry NewEntry(EmergencyRow row, EmergencyRegister emergency, Ente ente, List<(string FileName, string MediaType, BlobRef Blob)> files, string by, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        var entry = new ProtocolEntry
        {
            Id = id,
            EnteId = ente.Id,
            RegisterId = emergency.RegisterId,
            EnteIpa = ente.IpaCode,
            AooCode = emergency.AooCode,
            Direction = row.Direction,
            Subject = row.Subject,
            Channel = row.Channel,
            SenderReference = row.SenderReference,
            AttachmentCount = files.Count - 1,
            SourceKey = $"emergenza:{emergency.Id:N}:{row.Number}",
            RegisteredBy = by,
            Classification = row.Classification,
            EmergencyRegisterId = emergency.Id,
            EmergencyNumber = $"{emergency.Code}/{row.Number}",
            EmergencyRecordedAt = row.RecordedAt,
        };
        if (row.Correspondent is not null)
        {
            entry.Correspondents.Add(new EntryCorrespondent { Id = Guid.CreateVersion7(now), EntryId = id, Position = 0, Name = row.Correspondent, TaxCode = row.TaxCode });
        }

        int position = 0;
        foreach (var (fileName, mediaType, blob) in files)
        {
            entry.Documents.Add(new EntryDocument { Id = Guid.CreateVersion7(now), EntryId = id, Position = position++, FileName = fileName, MediaType = mediaType, Sha256 = blob.Sha256, Length = blob.Length });
        }

        return entry;
    }

    private static readonly string[] Formats = ["d/M/yyyy H:mm", "d/M/yyyy H:mm:ss", "yyyy-MM-dd H:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss"];

    /// <summary>A local Italian date and time (Europe/Rome); an ISO value with an offset is taken as it is.</summary>
    public static bool TryParseItalian(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (text.Contains('T', StringComparison.Ordinal) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset)
            && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10))
        {
            value = withOffset.ToUniversalTime();
            return true;
        }

        if (!DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        value = ItalianTime.FromItalianWallTime(local);
        return true;
    }
}
