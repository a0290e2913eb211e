using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using PenToscana.Contracts.Invoicing;
using PenToscana.Contracts.Protocol;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Outbox;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Security;
using PenToscana.Modules.Invoicing.Data;
using PenToscana.Modules.Invoicing.Engine;
using PenToscana.Modules.Invoicing.Features.Preservation;
using PenToscana.Modules.Invoicing.Features.SdiSimulator;

namespace PenToscana.Modules.Invoicing.Features.IssueInvoice;

/// <summary>
/// Allocates SdI file names <c>IT&lt;idcodice&gt;_&lt;progressivo&gt;</c> with a 5-character alphanumeric progressive
/// (base 36, 60 million per sender). Each name is a row with a unique index: concurrent allocations cannot take the same
/// one (the loser retries with the next), and rows are never deleted, so a name is never given twice — not even after SdI
/// refused the file with NS.
/// </summary>
internal sealed class IssuedFileNameAllocator(InvoicingDb db, TimeProvider time)
{
    private const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    public static string Progressivo(long sequence)
    {
        var chars = new char[5];
        for (int i = 4; i >= 0; i--)
        {
            chars[i] = Digits[(int)(sequence % 36)];
            sequence /= 36;
        }

        return new string(chars);
    }

    public async Task<(string FileName, string Progressivo)> AllocateAsync(string idCodice, CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            long next = (await db.IssuedFileNames.Where(n => n.IdCodice == idCodice).MaxAsync(n => (long?)n.Sequence, ct) ?? 0) + 1;
            string progressivo = Progressivo(next);
            var row = new IssuedFileName { Id = Guid.NewGuid(), IdCodice = idCodice, Sequence = next, FileName = $"IT{idCodice}_{progressivo}.xml", AllocatedAt = time.GetUtcNow() };
            db.IssuedFileNames.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                return (row.FileName, progressivo);
            }
            catch (DbUpdateException) when (attempt < 50)
            {
                db.Entry(row).State = EntityState.Detached;
                await Task.Delay(Random.Shared.Next(1, 10 + attempt * 5), ct);
            }
        }
    }
}

/// <summary>The signature of an issued invoice: XAdES-BES inside the XML, or CAdES-BES in a <c>.xml.p7m</c> envelope.</summary>
internal enum InvoiceSignatureFormat
{
    XAdES,
    CAdES,
}

/// <summary>
/// Which signature a body's issued invoices get: <c>Invoicing:Bodies:&lt;ipa&gt;:SignatureFormat</c>, else
/// <c>Invoicing:SignatureFormat</c>, else XAdES-BES. SdI accepts both (Specifiche tecniche FatturaPA, §2.2).
/// </summary>
internal sealed class InvoiceSignatureSettings(IConfiguration configuration)
{
    public (InvoiceSignatureFormat? Format, string? Error) For(string ipa)
    {
        string setting = configuration[$"Invoicing:Bodies:{ipa}:SignatureFormat"] is { Length: > 0 } own ? $"Invoicing:Bodies:{ipa}:SignatureFormat" : "Invoicing:SignatureFormat";
        string? value = configuration[setting];
        if (string.IsNullOrWhiteSpace(value))
        {
            return (InvoiceSignatureFormat.XAdES, null);
        }

        return Enum.TryParse<InvoiceSignatureFormat>(value.Trim(), ignoreCase: true, out var format) && Enum.IsDefined(format)
            ? (format, null)
            : (null, $"Formato di firma delle fatture non riconosciuto in {setting}: «{value}» (ammessi XAdES o CAdES).");
    }
}

public sealed record IssueInvoiceRequest(
    string? CodiceUfficio,
    string? CodiceDestinatario,
    string? PecDestinatario,
    string? Denominazione,
    string? PartitaIva,
    string? CodiceFiscale,
    string? Indirizzo,
    string? Cap,
    string? Comune,
    string? Provincia,
    string? Descrizione,
    decimal Imponibile,
    decimal? AliquotaIva,
    string? Cig);

public sealed record IssuedInvoiceDto(Guid Id, string NomeFile, string Numero, DateOnly Data, string Destinatario, string CodiceDestinatario, decimal Totale, string Stato, string? IdentificativoSdI, string? Protocollo, IReadOnlyList<ExchangeEventDto> Cronologia);

public sealed record ExchangeEventDto(DateTimeOffset Data, string Tipo, string Descrizione, string? Dettaglio);

/// <summary>Outbox event: an issued invoice to hand to SdI through SdIRiceviFile.</summary>
internal sealed record IssuedInvoiceToTransmit(Guid IssuedInvoiceId);

/// <summary>
/// Issues an invoice of a body: to a public body by Codice Univoco Ufficio (FPA12, split payment) or to a business by
/// codice destinatario / PEC (FPR12). The file name is allocated, the XML written and signed, checked with the engine
/// (an invoice with errors is not sent), stored, registered as outgoing protocol and queued for SdI.
/// </summary>
internal sealed class IssueInvoiceHandler(
    InvoicingDb db, KernelDb kernel, IBlobStore blobs, IProtocolApi protocol, IssuedFileNameAllocator names,
    BodySeals seals, InvoiceSignatureSettings signatures, TimeProvider time)
{
    public async Task<(IssuedInvoice? Invoice, IReadOnlyList<string> Errors)> HandleAsync(Guid enteId, IssueInvoiceRequest r, string? by, CancellationToken ct)
    {
        var ente = await kernel.Enti.AsNoTracking().SingleAsync(e => e.Id == enteId, ct);

        // Without a usable seal nothing is issued: no file name is taken, nothing is stored or sent.
        var seal = seals.For(ente.IpaCode, ente.Name);
        var (signatureFormat, formatError) = signatures.For(ente.IpaCode);
        if (!seal.IsUsable || signatureFormat is null)
        {
            return (null, [$"La fattura non può essere firmata: {seal.Error ?? formatError} Rivolgersi all'amministratore della piattaforma; nessuna fattura è stata emessa."]);
        }

        var errors = new List<string>();
        BillingOffice? office = null;
        string formato;
        string codice;
        InvoiceParty cessionario;
        if (!string.IsNullOrWhiteSpace(r.CodiceUfficio))
        {
            formato = "FPA12";
            codice = r.CodiceUfficio.Trim().ToUpperInvariant();
            office = await db.BillingOffices.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(o => o.CodiceUfficio == codice, ct);
            var recipient = office is null ? null : await kernel.Enti.AsNoTracking().SingleOrDefaultAsync(e => e.Id == office.EnteId, ct);
            if (codice.Length != 6)
            {
                errors.Add("Il Codice Univoco Ufficio è di 6 caratteri.");
            }

            cessionario = recipient is not null && string.IsNullOrWhiteSpace(r.Indirizzo)
                ? new InvoiceParty(recipient.Name, null, recipient.TaxCode, Seats.For(recipient.IpaCode).Address, Seats.For(recipient.IpaCode).Cap, Seats.For(recipient.IpaCode).Town, Seats.For(recipient.IpaCode).Province)
                : new InvoiceParty(r.Denominazione?.Trim() ?? recipient?.Name ?? "", null, r.CodiceFiscale?.Trim() ?? recipient?.TaxCode, r.Indirizzo?.Trim() ?? "", r.Cap?.Trim() ?? "", r.Comune?.Trim() ?? "", r.Provincia?.Trim());
        }
        else
        {
            formato = "FPR12";
            codice = string.IsNullOrWhiteSpace(r.CodiceDestinatario) ? "0000000" : r.CodiceDestinatario.Trim().ToUpperInvariant();
            if (codice.Length != 7)
            {
                errors.Add("Il codice destinatario di un'impresa è di 7 caratteri (0000000 se si indica la PEC).");
            }

            if (codice == "0000000" && string.IsNullOrWhiteSpace(r.PecDestinatario))
            {
                errors.Add("Indicare il codice destinatario dell'impresa oppure la sua PEC.");
            }

            cessionario = new InvoiceParty(r.Denominazione?.Trim() ?? "", r.PartitaIva?.Trim(), r.CodiceFiscale?.Trim(), r.Indirizzo?.Trim() ?? "", r.Cap?.Trim() ?? "", r.Comune?.Trim() ?? "", r.Provincia?.Trim());
        }

        if (cessionario.Name.Length == 0)
        {
            errors.Add("Indicare la denominazione del destinatario.");
        }

        if (cessionario.Address.Length == 0 || cessionario.Cap.Length != 5 || cessionario.Town.Length == 0)
        {
            errors.Add("Indicare la sede del destinatario: indirizzo, CAP di 5 cifre e comune.");
        }

        if (string.IsNullOrWhiteSpace(r.Descrizione))
        {
            errors.Add("Indicare la descrizione della prestazione.");
        }

        if (r.Imponibile <= 0 || r.Imponibile > 100_000_000m || decimal.Round(r.Imponibile, 2) != r.Imponibile)
        {
            errors.Add("L'imponibile deve essere un importo positivo con al massimo due decimali.");
        }

        decimal aliquota = r.AliquotaIva ?? 22m;
        if (aliquota is not (4m or 5m or 10m or 22m))
        {
            errors.Add("Aliquota IVA non ammessa: 4, 5, 10 o 22.");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var now = time.GetUtcNow();
        var today = now.ItalianDate();
        var (xmlName, progressivo) = await names.AllocateAsync(ente.TaxCode, ct);
        bool cades = signatureFormat == InvoiceSignatureFormat.CAdES;
        string fileName = cades ? xmlName + ".p7m" : xmlName;
        int year = today.Year;
        int count = await db.IssuedInvoices.IgnoreQueryFilters().CountAsync(i => i.EnteId == enteId && i.DocumentDate.Year == year, ct);
        string numero = $"{count + 1}/{year}/{progressivo}";
        var seat = Seats.For(ente.IpaCode);
        var draft = new InvoiceDraft(formato, ente.TaxCode, progressivo, codice, formato == "FPR12" ? r.PecDestinatario?.Trim() : null,
            new InvoiceParty(ente.Name, ente.TaxCode, ente.TaxCode, seat.Address, seat.Cap, seat.Town, seat.Province),
            cessionario, numero, today, r.Descrizione!.Trim(), r.Imponibile, aliquota, formato == "FPA12", r.Cig?.Trim());
        var (xml, iva, totale) = FatturaWriter.Write(draft);
        var signed = cades ? CadesSigner.Sign(xml, seal.Certificate!, now) : SignXades(xml, seal.Certificate!, now);

        var report = InvoiceValidator.Validate(signed, new ValidationOptions { FileName = fileName, ReceivedOn = today });
        if (!report.IsValid)
        {
            // The name stays taken: a corrected invoice gets the next one.
            return (null, [.. report.Errors.Select(e => $"{e.Code} {e.Message} ({e.Path})")]);
        }

        var stored = await blobs.PutAsync(new MemoryStream(signed, writable: false), cancellationToken: ct);
        var invoice = new IssuedInvoice
        {
            Id = Guid.NewGuid(),
            EnteId = enteId,
            EnteIpa = ente.IpaCode,
            FileName = fileName,
            Formato = formato,
            CodiceDestinatario = codice,
            PecDestinatario = draft.PecDestinatario,
            CustomerName = cessionario.Name.Length > 80 ? cessionario.Name[..80] : cessionario.Name,
            CustomerVatId = cessionario.VatId,
            CustomerTaxCode = cessionario.TaxCode,
            Numero = numero,
            DocumentDate = today,
            Description = draft.Descrizione.Length > 1000 ? draft.Descrizione[..1000] : draft.Descrizione,
            TaxableCents = (long)(r.Imponibile * 100m),
            VatCents = (long)(iva * 100m),
            TotalCents = (long)(totale * 100m),
            FileSha256 = stored.Sha256,
            Status = IssuedInvoiceStatus.InInvio,
            CreatedBy = by,
            CreatedAt = now,
        };
        var outcome = await protocol.RegisterAsync(new ProtocolRequest(
            ente.IpaCode, ProtocolDirection.Outgoing, $"Fattura elettronica n. {numero} a {invoice.CustomerName}",
            [new ProtocolCorrespondent(invoice.CustomerName) { TaxCode = cessionario.VatId ?? cessionario.TaxCode }],
            new ProtocolDocument(fileName, cades ? "application/pkcs7-mime" : "application/xml", stored.Sha256, stored.Length),
            ProtocolChannels.Sdi, $"invoicing:issued:{invoice.Id}")
        {
            RegisteredByTaxCode = by,
        }, ct);
        invoice.ProtocolNumber = outcome.Registration?.Formatted;
        invoice.ProtocolEntryId = outcome.Registration?.EntryId;
        db.IssuedInvoices.Add(invoice);
        db.ExchangeEvents.Add(IssuedEvents.Event(invoice, "EMESSA", $"Fattura emessa e firmata {(cades ? "CAdES-BES" : "XAdES-BES")} con il sigillo «{seal.Certificate!.GetNameInfo(X509NameType.SimpleName, false)}» (file {fileName})" + (invoice.ProtocolNumber is null ? "" : $", protocollata in uscita con il n. {invoice.ProtocolNumber}"), null, stored.Sha256, fileName, now));
        db.Publish(new IssuedInvoiceToTransmit(invoice.Id), now, enteId);
        PreservationHandover.Issued(db, invoice, InvoiceDocumentTypes.Invoice,
            new InvoiceFile(fileName, cades ? PreservationHandover.SignedXml : PreservationHandover.Xml, stored.Sha256, stored.Length), now);
        await db.SaveChangesAsync(ct);
        return (invoice, []);
    }

    private static byte[] SignXades(byte[] xml, X509Certificate2 certificate, DateTimeOffset now)
    {
        var document = SafeXml.LoadXmlDocument(xml, preserveWhitespace: true);
        XmlSignatures.SignXades(document, certificate, now);
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) }))
        {
            document.Save(writer);
        }

        return stream.ToArray();
    }
}

/// <summary>Seats of the demo bodies (the cedente's and a public recipient's Sede), others from the request.</summary>
internal static class Seats
{
    public sealed record Seat(string Address, string Cap, string Town, string Province);

    public static Seat For(string ipa) => ipa switch
    {
        "r_toscan" => new("Piazza del Duomo 10", "50122", "Firenze", "FI"),
        "c_d612" => new("Piazza della Signoria 1", "50122", "Firenze", "FI"),
        "c_g999" => new("Piazza del Comune 2", "59100", "Prato", "PO"),
        "usl_tc" => new("Piazza Santa Maria Nuova 1", "50122", "Firenze", "FI"),
        _ => new("Sede legale", "50100", "Firenze", "FI"),
    };
}

internal static class IssuedEvents
{
    public static InvoiceExchangeEvent Event(IssuedInvoice invoice, string kind, string label, string? detail, string? sha, string? name, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(),
        EnteId = invoice.EnteId,
        InvoiceId = invoice.Id,
        Kind = kind,
        Label = label.Length > 200 ? label[..200] : label,
        Detail = detail is { Length: > 4000 } ? detail[..4000] : detail,
        MessageSha256 = sha,
        MessageName = name is { Length: > 80 } ? name[..80] : name,
        At = at,
    };
}

/// <summary>The SdIRiceviFile client: hands an issued invoice to SdI; retried by the outbox while SdI is unreachable.</summary>
internal sealed class TransmitIssuedInvoiceHandler(
    InvoicingDb db, IBlobStore blobs, IHttpClientFactory httpFactory, IConfiguration configuration, IServer server, TimeProvider time)
    : IIntegrationEventHandler<IssuedInvoiceToTransmit>
{
    public async Task HandleAsync(IssuedInvoiceToTransmit integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var invoice = await db.IssuedInvoices.IgnoreQueryFilters().SingleOrDefaultAsync(i => i.Id == integrationEvent.IssuedInvoiceId, ct);
        if (invoice is null || invoice.Status != IssuedInvoiceStatus.InInvio)
        {
            return;
        }

        byte[] file;
        await using (var stream = await blobs.OpenReadAsync(invoice.FileSha256, cancellationToken: ct))
        using (var buffer = new MemoryStream())
        {
            await stream.CopyToAsync(buffer, ct);
            file = buffer.ToArray();
        }

        using var http = SdiHttp.Create(httpFactory, configuration, server);
        var answer = await Soap.CallAsync(http, configuration["Invoicing:Sdi:RiceviFileUrl"] ?? SdiSimulatorEndpoints.RiceviFilePath, "http://www.fatturapa.it/SdIRiceviFile/RiceviFile",
            Soap.Operation(Soap.TrasmissioneTypes, "fileSdIAccoglienza", ("NomeFile", invoice.FileName), ("File", Convert.ToBase64String(file))), ct);
        var now = time.GetUtcNow();
        if (answer["Errore"] is { Length: > 0 } errore)
        {
            if (errore == "EI02")
            {
                throw new SdiUnreachableException("SdI: servizio non disponibile (EI02), nuovo tentativo più tardi.");
            }

            invoice.Status = IssuedInvoiceStatus.Scartata;
            invoice.LastError = $"SdI non ha accolto il file: errore {errore}.";
            db.ExchangeEvents.Add(IssuedEvents.Event(invoice, "EI", $"SdI non ha accolto il file (errore {errore})", null, null, null, now));
        }
        else
        {
            invoice.IdentificativoSdI = answer["IdentificativoSdI"];
            invoice.SentAt = now;
            // A notification may already have arrived (SdI works on the file at once): only a file still "in invio" becomes "inviata".
            if (invoice.Status == IssuedInvoiceStatus.InInvio)
            {
                invoice.Status = IssuedInvoiceStatus.Inviata;
            }

            db.ExchangeEvents.Add(IssuedEvents.Event(invoice, "INVIATA", $"Inviata a SdI: identificativo {invoice.IdentificativoSdI}", null, null, invoice.FileName, now));
        }

        await db.SaveChangesAsync(ct);
    }
}
