using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Outbox;
using PenToscana.Kernel.Security;
using PenToscana.Modules.Invoicing.Data;
using PenToscana.Modules.Invoicing.Engine;

namespace PenToscana.Modules.Invoicing.Features.SdiSimulator;

/// <summary>The simulator's signing identity: a certificate made at start, its private key kept in memory only.</summary>
internal sealed class SdiSimulatorSigner(TimeProvider time) : IDisposable
{
    private readonly Lazy<X509Certificate2> _certificate = new(() => SdiNotifications.CreateSigningCertificate("Sistema di Interscambio (simulatore)", time.GetUtcNow()));

    public X509Certificate2 Certificate => _certificate.Value;

    public void Dispose()
    {
        if (_certificate.IsValueCreated)
        {
            _certificate.Value.Dispose();
        }
    }
}

/// <summary>
/// The simulator's clock: the platform's time plus an offset that tests and the platform administrator move forward.
/// The offset is persisted, so a restart keeps the simulated date.
/// </summary>
internal sealed class SdiSimulatorClock(InvoicingDb db, TimeProvider time)
{
    public async Task<DateTimeOffset> NowAsync(CancellationToken ct)
    {
        var row = await db.SdiSimClock.AsNoTracking().SingleOrDefaultAsync(c => c.Id == 1, ct);
        return time.GetUtcNow().AddSeconds(row?.OffsetSeconds ?? 0);
    }

    public async Task<DateTimeOffset> AdvanceAsync(TimeSpan by, CancellationToken ct)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), "Il tempo del simulatore va solo avanti.");
        }

        var row = await db.SdiSimClock.SingleOrDefaultAsync(c => c.Id == 1, ct);
        if (row is null)
        {
            row = new SdiSimClock { Id = 1 };
            db.SdiSimClock.Add(row);
        }

        row.OffsetSeconds += (long)by.TotalSeconds;
        await db.SaveChangesAsync(ct);
        return time.GetUtcNow().AddSeconds(row.OffsetSeconds);
    }
}

/// <summary>Settings of the simulator (<c>Invoicing:SdiSimulator</c>).</summary>
internal sealed record SdiSimulatorSettings(bool Enabled, int OutcomeDays, int RetryDays, string RecipientPath, string TransmitterPath)
{
    /// <summary>The pause after the first failed delivery of a notification, doubled at every further failure.</summary>
    public TimeSpan NotificationRetryDelay { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Delivery attempts of a notification before it is given up as not delivered.</summary>
    public int NotificationMaxAttempts { get; init; } = 12;

    public static SdiSimulatorSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Invoicing:SdiSimulator");
        return new SdiSimulatorSettings(
            !string.Equals(section["Enabled"], "false", StringComparison.OrdinalIgnoreCase),
            int.TryParse(section["OutcomeDays"], CultureInfo.InvariantCulture, out var o) ? o : 15,
            int.TryParse(section["RetryDays"], CultureInfo.InvariantCulture, out var r) ? r : 10,
            section["RecipientUrl"] ?? Features.ReceiveInvoice.RicezioneFattureEndpoint.Path,
            section["TransmitterUrl"] ?? "/sdi/TrasmissioneFatture")
        {
            NotificationRetryDelay = TimeSpan.FromMinutes(int.TryParse(section["NotificationRetryMinutes"], CultureInfo.InvariantCulture, out var m) && m > 0 ? m : 2),
            NotificationMaxAttempts = int.TryParse(section["NotificationMaxAttempts"], CultureInfo.InvariantCulture, out var a) && a > 0 ? a : 12,
        };
    }
}

/// <summary>Outbox event: a file accepted on SdIRiceviFile waits for the checks and the delivery.</summary>
internal sealed record SdiSimFileReceived(long IdentificativoSdI);

internal sealed class SdiSimFileReceivedHandler(SdiSimulator simulator) : IIntegrationEventHandler<SdiSimFileReceived>
{
    public Task HandleAsync(SdiSimFileReceived integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
        => simulator.ProcessAsync(integrationEvent.IdentificativoSdI, cancellationToken);
}

internal sealed record SdiReceiveFileAnswer(long IdentificativoSdI, DateTimeOffset DataOraRicezione, string? Errore);

internal sealed record SdiOutcomeAnswer(string Esito, string? ScartoNomeFile, byte[]? Scarto);

/// <summary>
/// The SdI simulator: what the national Sistema di Interscambio does with a file (checks with the platform's own engine,
/// NS with its error list, delivery to the recipient's RicezioneFatture over HTTP, RC or MC, AT after the retry period),
/// with the recipient's outcome (NE to the transmitter, or SE) and with time (DT to both sides after 15 days).
/// </summary>
internal sealed partial class SdiSimulator(
    InvoicingDb db,
    IBlobStore blobs,
    IHttpClientFactory httpFactory,
    SdiSimulatorClock clock,
    SdiSimulatorSigner signer,
    IConfiguration configuration,
    IServer server,
    TimeProvider time,
    ILogger<SdiSimulator> logger)
{
    public const string HttpClientName = SdiHttp.ClientName;
    private const string Transmitter = "Trasmittente";
    private const string Recipient = "Destinatario";
    private const long FirstIdentifier = 7_000_000_001;

    private readonly SdiSimulatorSettings _settings = SdiSimulatorSettings.From(configuration);

    private X509Certificate2 Key => signer.Certificate;

    /// <summary>SdIRiceviFile: takes a file in charge and assigns its IdentificativoSdI; checks and delivery follow.</summary>
    public async Task<SdiReceiveFileAnswer> ReceiveFileAsync(string nomeFile, byte[] file, CancellationToken ct)
    {
        var now = await clock.NowAsync(ct);
        if (file.Length == 0)
        {
            return new SdiReceiveFileAnswer(0, now, "EI01");
        }

        var stored = await blobs.PutAsync(new MemoryStream(file, writable: false), cancellationToken: ct);
        for (int attempt = 0; ; attempt++)
        {
            long id = (await db.SdiSimFiles.MaxAsync(f => (long?)f.IdentificativoSdI, ct) ?? FirstIdentifier - 1) + 1;
            var record = new SdiSimFile
            {
                Id = Guid.NewGuid(),
                IdentificativoSdI = id,
                NomeFile = nomeFile.Length > 60 ? nomeFile[..60] : nomeFile,
                FileSha256 = stored.Sha256,
                ReceivedAt = now,
                State = SdiSimFileState.Ricevuto,
            };
            db.SdiSimFiles.Add(record);
            db.SdiSimMessages.Add(Message(id, "FILE", Transmitter, incoming: true, record.NomeFile, stored.Sha256, now, delivered: true, note: null));
            db.Publish(new SdiSimFileReceived(id), time.GetUtcNow()); // the outbox runs on the platform's clock, not the simulator's
            try
            {
                await db.SaveChangesAsync(ct);
                return new SdiReceiveFileAnswer(id, now, null);
            }
            catch (DbUpdateException) when (attempt < 8)
            {
                // Another file took the same identifier at the same moment: take the next one.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Checks a received file and delivers it (or refuses it with NS).</summary>
    public async Task ProcessAsync(long id, CancellationToken ct)
    {
        var file = await db.SdiSimFiles.SingleOrDefaultAsync(f => f.IdentificativoSdI == id, ct);
        if (file is null || file.State != SdiSimFileState.Ricevuto)
        {
            return;
        }

        var now = await clock.NowAsync(ct);
        byte[] content = await ReadBlobAsync(file.FileSha256, ct);
        var report = InvoiceValidator.Validate(content, new ValidationOptions { FileName = file.NomeFile, ReceivedOn = now.ItalianDate() });
        var facts = report.Facts;
        file.CodiceDestinatario = facts.CodiceDestinatario is { Length: <= 7 } code ? code : null;
        file.Formato = facts.FormatoTrasmissione is { Length: <= 5 } format ? format : null;
        var firstBody = facts.Bodies.FirstOrDefault();
        file.Numero = firstBody?.Numero is { Length: <= 20 } numero ? numero : null;
        file.Anno = firstBody?.Data?.Year;

        var errors = report.Errors.Select(e => new SdiError(e.Code.Length == 5 ? e.Code : "00200", e.Message)).ToList();
        if (file.Formato == "FPA12" && report.Signature is null && !errors.Any(e => e.Codice == "00102"))
        {
            // Invoices to public bodies must be signed (CAdES-BES .xml.p7m or XAdES-BES); business invoices (FPR12) need not be.
            errors.Add(new SdiError("00102", "File non integro (firma non valida): una fattura alla pubblica amministrazione (FPA12) deve essere firmata digitalmente (CAdES-BES .xml.p7m o XAdES-BES)."));
        }

        bool duplicate = await db.SdiSimFiles.AnyAsync(f => f.NomeFile == file.NomeFile && f.IdentificativoSdI != id && f.State != SdiSimFileState.Scartato && f.State != SdiSimFileState.Ricevuto, ct);
        if (duplicate)
        {
            errors.Insert(0, new SdiError("00002", $"Nome file duplicato: un file di nome {file.NomeFile} è già stato ricevuto."));
        }

        var office = file.CodiceDestinatario is null ? null
            : await db.BillingOffices.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(o => o.CodiceUfficio == file.CodiceDestinatario, ct);
        if (errors.Count == 0 && file.Formato == "FPA12" && office is null)
        {
            errors.Add(new SdiError("00311", $"Codice Destinatario {file.CodiceDestinatario} non valido: non corrisponde a un ufficio di fatturazione elettronica presente in IPA."));
        }

        if (errors.Count > 0)
        {
            file.State = SdiSimFileState.Scartato;
            var ns = SdiNotifications.NotificaScarto(id, file.NomeFile, file.ReceivedAt, errors, MessageId(), Key);
            await NotifyAsync(file, "NS", Transmitter, "notificaScarto", ns, note: string.Join("; ", errors.Take(5).Select(e => $"{e.Codice} {e.Descrizione}")), ct);
            return;
        }

        await DeliverAsync(file, office?.OfficeName, now, ct);
    }

    private async Task DeliverAsync(SdiSimFile file, string? recipientName, DateTimeOffset now, CancellationToken ct)
    {
        file.DeliveryAttempts++;
        string? failure;
        if (file.Formato != "FPA12" && !await IsPlatformOfficeAsync(file.CodiceDestinatario, ct))
        {
            // No channel (SDICoop, SDIFTP or PEC) registered for this business recipient in the simulator.
            failure = $"Nessun canale di recapito accreditato per il codice destinatario {file.CodiceDestinatario ?? "(assente)"}: la fattura è a disposizione del destinatario nella sua area riservata.";
        }
        else
        {
            failure = await TryDeliverAsync(file, ct);
        }

        if (failure is null)
        {
            var firstDelivery = file.State != SdiSimFileState.Consegnato;
            file.State = SdiSimFileState.Consegnato;
            file.DeliveredAt = now;
            file.LastError = null;
            if (firstDelivery)
            {
                var rc = SdiNotifications.RicevutaConsegna(file.IdentificativoSdI, file.NomeFile, file.ReceivedAt, now, file.CodiceDestinatario ?? "0000000", recipientName, MessageId(), Key);
                await NotifyAsync(file, "RC", Transmitter, "ricevutaConsegna", rc, note: $"Consegnata a {file.CodiceDestinatario}", ct);
            }
            else
            {
                await db.SaveChangesAsync(ct);
            }

            return;
        }

        file.LastError = failure.Length > 500 ? failure[..500] : failure;
        bool firstFailure = file.State == SdiSimFileState.Ricevuto;
        file.State = SdiSimFileState.MancataConsegna;
        if (firstFailure)
        {
            var mc = SdiNotifications.NotificaMancataConsegna(file.IdentificativoSdI, file.NomeFile, file.ReceivedAt, failure, MessageId(), Key);
            await NotifyAsync(file, "MC", Transmitter, "notificaMancataConsegna", mc, note: failure, ct);
        }
        else
        {
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task<bool> IsPlatformOfficeAsync(string? code, CancellationToken ct)
        => code is not null && await db.BillingOffices.IgnoreQueryFilters().AnyAsync(o => o.CodiceUfficio == code, ct);

    /// <summary>Delivers through the recipient's RicezioneFatture service; null on ER01, the reason otherwise.</summary>
    private async Task<string?> TryDeliverAsync(SdiSimFile file, CancellationToken ct)
    {
        var content = await ReadBlobAsync(file.FileSha256, ct);
        string metadataName = MessageFileName(file.NomeFile, "MT", 1);
        var metadata = MetadatiInvioFile(file);
        try
        {
            using var http = SdiHttp.Create(httpFactory, configuration, server);
            var answer = await Soap.CallAsync(http, _settings.RecipientPath, "http://www.fatturapa.it/RicezioneFatture/RiceviFatture",
                Soap.Operation(Soap.RicezioneTypes, "fileSdIConMetadati",
                    ("IdentificativoSdI", file.IdentificativoSdI.ToString(CultureInfo.InvariantCulture)),
                    ("NomeFile", file.NomeFile),
                    ("File", Convert.ToBase64String(content)),
                    ("NomeFileMetadati", metadataName),
                    ("Metadati", Convert.ToBase64String(metadata))), ct);
            if (answer["Esito"] != "ER01")
            {
                return $"Il destinatario ha risposto con esito «{answer["Esito"]}» invece di ER01.";
            }
        }
        catch (SdiUnreachableException ex)
        {
            LogDeliveryFailed(logger, file.IdentificativoSdI, ex.Message);
            return "Recapito al destinatario non riuscito: " + ex.Message;
        }

        var stored = await blobs.PutAsync(new MemoryStream(metadata, writable: false), cancellationToken: ct);
        db.SdiSimMessages.Add(Message(file.IdentificativoSdI, "MT", Recipient, incoming: false, metadataName, stored.Sha256, await clock.NowAsync(ct), delivered: true, note: null));
        var fileMessage = Message(file.IdentificativoSdI, "FILE", Recipient, incoming: false, file.NomeFile, file.FileSha256, await clock.NowAsync(ct), delivered: true, note: $"Consegnato a {file.CodiceDestinatario}");
        db.SdiSimMessages.Add(fileMessage);
        return null;
    }

    private byte[] MetadatiInvioFile(SdiSimFile file)
    {
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) }))
        {
            w.WriteStartElement("types", "MetadatiInvioFile", FatturaSchemas.MessagesNamespace);
            w.WriteAttributeString("versione", "1.0");
            w.WriteElementString("IdentificativoSdI", file.IdentificativoSdI.ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("NomeFile", file.NomeFile);
            w.WriteElementString("CodiceDestinatario", file.CodiceDestinatario ?? "0000000");
            w.WriteElementString("Formato", file.Formato ?? "FPA12");
            w.WriteElementString("TentativiInvio", file.DeliveryAttempts.ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("MessageId", MessageId());
            w.WriteEndElement();
        }

        return stream.ToArray();
    }

    /// <summary>
    /// The passing of time: sends again the notifications due for another attempt, retries the delivery of files not
    /// delivered (AT at the end of the retry period) and sends DT
    /// for delivered invoices without outcome after the term.
    /// </summary>
    public async Task<int> TickAsync(CancellationToken ct)
    {
        var now = await clock.NowAsync(ct);
        int done = await DeliverPendingNotificationsAsync(ct);
        var undelivered = await db.SdiSimFiles.Where(f => f.State == SdiSimFileState.MancataConsegna).OrderBy(f => f.IdentificativoSdI).Take(200).ToListAsync(ct);
        foreach (var file in undelivered)
        {
            if (file.Formato != "FPA12")
            {
                continue; // a business recipient without channel: MC is final, the invoice is in its reserved area
            }

            var office = await db.BillingOffices.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(o => o.CodiceUfficio == file.CodiceDestinatario, ct);
            await DeliverAsync(file, office?.OfficeName, now, ct);
            if (file.State == SdiSimFileState.MancataConsegna && now >= file.ReceivedAt.AddDays(_settings.RetryDays))
            {
                file.State = SdiSimFileState.Attestato;
                var original = await ReadBlobAsync(file.FileSha256, ct);
                var at = SdiNotifications.AttestazioneTrasmissioneFattura(file.IdentificativoSdI, file.NomeFile, file.ReceivedAt, file.CodiceDestinatario ?? "0000000",
                    Convert.ToHexStringLower(SHA256.HashData(original)), MessageId(), Key);
                await NotifyAsync(file, "AT", Transmitter, "attestazioneTrasmissioneFattura", at, note: "Attestazione di avvenuta trasmissione con impossibilità di recapito", ct);
            }

            done++;
        }

        var due = now.AddDays(-_settings.OutcomeDays);
        var expired = await db.SdiSimFiles.Where(f => f.State == SdiSimFileState.Consegnato && f.DeliveredAt <= due).OrderBy(f => f.IdentificativoSdI).Take(200).ToListAsync(ct);
        foreach (var file in expired)
        {
            file.State = SdiSimFileState.DecorrenzaTermini;
            var dt = SdiNotifications.NotificaDecorrenzaTermini(file.IdentificativoSdI, file.NomeFile, file.Numero, file.Anno, MessageId(), Key);
            await NotifyAsync(file, "DT", Transmitter, "notificaDecorrenzaTermini", dt, note: "Decorrenza termini: nessun esito entro 15 giorni", ct);
            await NotifyAsync(file, "DT", Recipient, "notificaDecorrenzaTermini", dt, note: "Decorrenza termini: nessun esito entro 15 giorni", ct);
            done++;
        }

        return done;
    }

    /// <summary>SdIRiceviNotifica: the recipient's NotificaEsitoCommittente. ES01 and NE to the transmitter, or ES00 with SE.</summary>
    public async Task<SdiOutcomeAnswer> ReceiveOutcomeAsync(string? identificativoSdI, string nomeFile, byte[] message, CancellationToken ct)
    {
        var now = await clock.NowAsync(ct);
        long.TryParse(identificativoSdI, NumberStyles.None, CultureInfo.InvariantCulture, out long declaredId);
        var stored = await blobs.PutAsync(new MemoryStream(message, writable: false), cancellationToken: ct);

        var schemaErrors = SdiMessages.Validate(message);
        XmlDocument? document = null;
        if (schemaErrors.Count == 0)
        {
            document = Load(message);
            if (document?.DocumentElement is not { LocalName: "NotificaEsitoCommittente" })
            {
                schemaErrors = ["Il file non è una NotificaEsitoCommittente."];
            }
        }

        string Field(string name) => document?.DocumentElement?.SelectSingleNode($"*[local-name()='{name}']")?.InnerText ?? "";
        string Reference(string name) => document?.DocumentElement?.SelectSingleNode($"*[local-name()='RiferimentoFattura']/*[local-name()='{name}']")?.InnerText ?? "";
        long id = long.TryParse(Field("IdentificativoSdI"), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : declaredId;
        string? numero = Reference("NumeroFattura") is { Length: > 0 } n ? n : null;
        int? anno = int.TryParse(Reference("AnnoFattura"), NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : null;
        string? messageIdCommittente = Field("MessageIdCommittente") is { Length: > 0 } m ? m : null;

        SdiSimFile? file = null;
        db.SdiSimMessages.Add(Message(id, "EC", Recipient, incoming: true, nomeFile.Length > 80 ? nomeFile[..80] : nomeFile, stored.Sha256, now, delivered: true, note: Field("Esito")));
        if (schemaErrors.Count > 0)
        {
            return await ScartoAsync(id, nomeFile, numero, anno, "EN00", messageIdCommittente, "Notifica non conforme al formato: " + schemaErrors[0]);
        }

        file = await db.SdiSimFiles.SingleOrDefaultAsync(f => f.IdentificativoSdI == id, ct);
        string? refusal = file switch
        {
            null => $"Notifica non ammissibile: nessun file con IdentificativoSdI {id}.",
            { State: SdiSimFileState.DecorrenzaTermini } => "Notifica non ammissibile: sono decorsi i termini (15 giorni dalla consegna), è già stata inviata la notifica di decorrenza termini.",
            { State: SdiSimFileState.Esitato } => "Notifica non ammissibile: l'esito di questa fattura è già stato ricevuto.",
            { State: not SdiSimFileState.Consegnato } => "Notifica non ammissibile: la fattura non risulta consegnata al destinatario.",
            _ when file.DeliveredAt!.Value.AddDays(_settings.OutcomeDays) < now => "Notifica non ammissibile: esito inviato oltre i 15 giorni dalla consegna.",
            _ => null,
        };
        if (refusal is not null)
        {
            return await ScartoAsync(id, nomeFile, numero, anno, "EN01", messageIdCommittente, refusal);
        }

        file!.State = SdiSimFileState.Esitato;
        file.Esito = Field("Esito");
        file.OutcomeAt = now;
        var ne = SdiNotifications.NotificaEsito(file.IdentificativoSdI, file.NomeFile, document!.DocumentElement!, MessageId(), Key);
        await NotifyAsync(file, "NE", Transmitter, "notificaEsito", ne, note: $"Esito {file.Esito}" + (Field("Descrizione") is { Length: > 0 } d ? $": {d}" : ""), ct);
        return new SdiOutcomeAnswer("ES01", null, null);

        async Task<SdiOutcomeAnswer> ScartoAsync(long sdiId, string name, string? num, int? year, string code, string? messageIdC, string note)
        {
            var se = SdiNotifications.ScartoEsitoCommittente(sdiId, num, year, code, messageIdC, note, MessageId(), Key);
            string seName = MessageFileName(file?.NomeFile ?? name, "SE", 1);
            var seStored = await blobs.PutAsync(new MemoryStream(se, writable: false), cancellationToken: ct);
            db.SdiSimMessages.Add(Message(sdiId, "SE", Recipient, incoming: false, seName, seStored.Sha256, now, delivered: true, note: $"{code} {note}"));
            await db.SaveChangesAsync(ct);
            return new SdiOutcomeAnswer("ES00", seName, se);
        }
    }

    /// <summary>
    /// Stores a notification together with the file's new state (one save), then sends it to the transmitter's
    /// TrasmissioneFatture or the recipient's RicezioneFatture. A notification that does not arrive stays pending and is
    /// sent again with growing pauses (<see cref="DeliverPendingNotificationsAsync"/>) until it arrives or the attempts run out;
    /// one queued behind an earlier pending notification to the same party waits for it, so that the order is kept.
    /// </summary>
    private async Task NotifyAsync(SdiSimFile file, string kind, string party, string operation, byte[] content, string? note, CancellationToken ct)
    {
        var now = await clock.NowAsync(ct);
        int sequence = await db.SdiSimMessages.CountAsync(m => m.IdentificativoSdI == file.IdentificativoSdI && m.Kind == kind && m.Party == party, ct) + 1;
        string name = MessageFileName(file.NomeFile, kind, sequence);
        var stored = await blobs.PutAsync(new MemoryStream(content, writable: false), cancellationToken: ct);
        var message = Message(file.IdentificativoSdI, kind, party, incoming: false, name, stored.Sha256, now, delivered: false, note);
        message.Operation = operation;
        bool channel = party != Transmitter || await db.IssuedInvoices.IgnoreQueryFilters().AnyAsync(i => i.FileName == file.NomeFile, ct);
        if (!channel)
        {
            // A transmitter outside the platform has no SDICoop endpoint here: the notification stays available in the simulator.
            message.Note = Cut($"{note} — nessun canale SDICoop del trasmittente: la notifica è a disposizione nel simulatore", 1000);
            db.SdiSimMessages.Add(message);
            await db.SaveChangesAsync(ct);
            return;
        }

        bool queued = await db.SdiSimMessages.AnyAsync(m => m.IdentificativoSdI == file.IdentificativoSdI && m.Party == party && !m.Incoming && !m.Delivered && m.NextAttemptAt != null, ct);
        message.NextAttemptAt = now;
        db.SdiSimMessages.Add(message);
        await db.SaveChangesAsync(ct);
        if (!queued)
        {
            await SendNotificationAsync(message, ct);
        }
    }

    /// <summary>
    /// Sends again the notifications whose next attempt is due on the simulator's clock, oldest first; a notification
    /// that fails holds back the later ones to the same party of the same file. Returns how many arrived.
    /// </summary>
    public async Task<int> DeliverPendingNotificationsAsync(CancellationToken ct, bool evenIfNotDue = false)
    {
        var now = await clock.NowAsync(ct);
        var due = await db.SdiSimMessages
            .Where(m => !m.Incoming && !m.Delivered && m.NextAttemptAt != null && (evenIfNotDue || m.NextAttemptAt <= now))
            .OrderBy(m => m.IdentificativoSdI).ThenBy(m => m.At).Take(200).ToListAsync(ct);
        var held = new HashSet<(long, string)>();
        int delivered = 0;
        foreach (var message in due)
        {
            if (held.Contains((message.IdentificativoSdI, message.Party)))
            {
                continue;
            }

            if (await SendNotificationAsync(message, ct))
            {
                delivered++;
            }
            else
            {
                held.Add((message.IdentificativoSdI, message.Party));
            }
        }

        return delivered;
    }

    /// <summary>The pause before attempt n+1 after n failed ones: the first pause doubled at every failure, at most six hours.</summary>
    public static TimeSpan RetryDelay(int failedAttempts, TimeSpan first)
    {
        double factor = Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(first.Ticks * factor, TimeSpan.FromHours(6).Ticks));
        return delay < first ? first : delay;
    }

    /// <summary>One delivery attempt of a stored notification; records the outcome and when to try again.</summary>
    private async Task<bool> SendNotificationAsync(SdiSimMessage message, CancellationToken ct)
    {
        string operation = message.Operation ?? "notificaDecorrenzaTermini";
        string path = message.Party == Transmitter ? _settings.TransmitterPath : _settings.RecipientPath;
        string action = message.Party == Transmitter
            ? "http://www.fatturapa.it/TrasmissioneFatture/" + char.ToUpperInvariant(operation[0]) + operation[1..]
            : "http://www.fatturapa.it/RicezioneFatture/NotificaDecorrenzaTermini";
        string ns = message.Party == Transmitter ? Soap.TrasmissioneTypes : Soap.RicezioneTypes;
        var content = await ReadBlobAsync(message.Sha256, ct);
        message.Attempts++;
        bool arrived;
        try
        {
            using var http = SdiHttp.Create(httpFactory, configuration, server);
            await Soap.CallAsync(http, path, action, Soap.Operation(ns, operation,
                ("IdentificativoSdI", message.IdentificativoSdI.ToString(CultureInfo.InvariantCulture)),
                ("NomeFile", message.NomeFile),
                ("File", Convert.ToBase64String(content))), ct);
            message.Delivered = true;
            message.NextAttemptAt = null;
            message.LastError = null;
            arrived = true;
        }
        catch (SdiUnreachableException ex)
        {
            message.LastError = Cut(ex.Message, 500);
            if (message.Attempts >= _settings.NotificationMaxAttempts)
            {
                message.NextAttemptAt = null;
                message.Note = Cut($"{message.Note} — non recapitata dopo {message.Attempts} tentativi: {ex.Message}", 1000);
            }
            else
            {
                message.NextAttemptAt = (await clock.NowAsync(ct)) + RetryDelay(message.Attempts, _settings.NotificationRetryDelay);
            }

            LogNotificationFailed(logger, message.Kind, message.IdentificativoSdI, message.Attempts, ex.Message);
            arrived = false;
        }

        await db.SaveChangesAsync(ct);
        return arrived;
    }

    private static string Cut(string text, int length) => text.Length > length ? text[..length] : text;

    /// <summary>SdI notification file name: the invoice file's name without extension, the type, a progressive of 3 digits.</summary>
    public static string MessageFileName(string invoiceFileName, string kind, int sequence)
    {
        int dot = invoiceFileName.IndexOf('.', StringComparison.Ordinal);
        string stem = dot > 0 ? invoiceFileName[..dot] : invoiceFileName;
        return $"{stem}_{kind}_{sequence.ToString("000", CultureInfo.InvariantCulture)}.xml";
    }

    private static SdiSimMessage Message(long id, string kind, string party, bool incoming, string name, string sha, DateTimeOffset at, bool delivered, string? note) => new()
    {
        Id = Guid.NewGuid(),
        IdentificativoSdI = id,
        Kind = kind,
        Party = party,
        Incoming = incoming,
        NomeFile = name,
        Sha256 = sha,
        At = at,
        Delivered = delivered,
        Note = note is { Length: > 1000 } ? note[..1000] : note,
    };

    private static string MessageId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(7));

    private async Task<byte[]> ReadBlobAsync(string sha256, CancellationToken ct)
    {
        await using var stream = await blobs.OpenReadAsync(sha256, cancellationToken: ct);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    private static XmlDocument? Load(byte[] message)
    {
        try
        {
            return SafeXml.LoadXmlDocument(message, preserveWhitespace: true);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SdI simulator: notification {Kind} of {Id} not delivered at attempt {Attempts}: {Reason}")]
    private static partial void LogNotificationFailed(ILogger logger, string kind, long id, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "SdI simulator: delivery of {Id} failed: {Reason}")]
    private static partial void LogDeliveryFailed(ILogger logger, long id, string reason);
}
