using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PenToscana.Contracts.Invoicing;
using PenToscana.Contracts.Protocol;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Calendar;
using PenToscana.Modules.Invoicing.Data;
using PenToscana.Modules.Invoicing.Engine;
using PenToscana.Modules.Invoicing.Features.Preservation;
using PenToscana.Modules.Invoicing.Features.TransmitOutcome;
using PenToscana.Modules.Invoicing.Features.ValidateInvoice;

namespace PenToscana.Modules.Invoicing.Features.ReceiveInvoice;

/// <summary>
/// A file delivered to the platform as recipient: by SdI (RiceviFatture), by manual upload or by API. A manual upload names
/// the body it is made for (<see cref="OnlyForEnte"/>): a file addressed to another body's office is refused, not rerouted.
/// SdI delivers the metadata file (MetadatiInvioFile) with the invoice file: it is kept beside it.
/// </summary>
internal sealed record ReceiveInvoiceRequest(
    string IdentificativoSdI, string FileName, byte[] File, string Channel, Guid? OnlyForEnte = null, string? ReceivedBy = null,
    string? MetadataFileName = null, byte[]? Metadata = null);

internal sealed record ReceiveInvoiceResponse(string EnteIpa, string CodiceUfficio, string? ProtocolNumber, IReadOnlyList<Guid> InvoiceIds, IReadOnlyList<long> RegisterNumbers, int ErrorCount);

internal sealed record ReceiveInvoiceFailure(string Code, string Message);

/// <summary>
/// Receives a file: reads and checks it, routes it by Codice Univoco Ufficio to the body and office, stores it as received,
/// registers it as incoming protocol (idempotent on the SdI identifier), and enters each invoice of the file in the registro
/// unico fatture with its 15-day outcome deadline. Receiving the same SdI identifier again returns the first result.
/// An invoice with content errors is still received and registered (SdI has already accepted it); its findings are kept.
/// </summary>
internal sealed class ReceiveInvoiceHandler(InvoicingDb db, IBlobStore blobs, IProtocolApi protocol, TimeProvider time)
{
    /// <summary>Days the recipient has to accept or refuse (DT after that).</summary>
    public const int OutcomeDays = 15;

    public Task<(ReceiveInvoiceResponse? Response, ReceiveInvoiceFailure? Failure)> HandleAsync(ReceiveInvoiceRequest request, CancellationToken ct)
        => HandleAsync(request, retryOnConflict: true, ct);

    /// <summary>
    /// A conflict on saving (another file of the same new supplier, or the same register number, committed in between) is
    /// retried once from the start: the second pass sees the committed rows; protocol and blob store are idempotent.
    /// </summary>
    private async Task<(ReceiveInvoiceResponse? Response, ReceiveInvoiceFailure? Failure)> HandleAsync(ReceiveInvoiceRequest request, bool retryOnConflict, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var report = InvoiceValidator.Validate(request.File, new ValidationOptions { FileName = request.FileName, ReceivedOn = now.ItalianDate() });
        var facts = report.Facts;
        if (facts.Bodies.Count == 0 || facts.CodiceDestinatario is null)
        {
            var first = report.Errors.FirstOrDefault();
            return (null, new ReceiveInvoiceFailure(first?.Code ?? "00200", "File non leggibile come fattura elettronica: " + (first?.Message ?? "nessuna fattura nel file.")));
        }

        var office = await db.BillingOffices.AsNoTracking().SingleOrDefaultAsync(o => o.CodiceUfficio == facts.CodiceDestinatario, ct);
        if (office is null)
        {
            return (null, new ReceiveInvoiceFailure("00311", request.OnlyForEnte is null
                ? $"Codice Univoco Ufficio «{facts.CodiceDestinatario}» sconosciuto: nessun ufficio di fatturazione della piattaforma ha questo codice."
                : $"Codice Univoco Ufficio «{facts.CodiceDestinatario}» sconosciuto: la fattura non è indirizzata a un ufficio di fatturazione di questo ente."));
        }

        if (request.OnlyForEnte is { } onlyFor && office.EnteId != onlyFor)
        {
            return (null, new ReceiveInvoiceFailure("00311", $"La fattura è indirizzata al Codice Univoco Ufficio «{office.CodiceUfficio}», che non appartiene a questo ente."));
        }

        var rules = new PaRules
        {
            RequireCig = office.RequireCig,
            RequireCup = office.RequireCup,
            RequireOrderNumber = office.RequireOrderNumber,
            ExpectSplitPayment = office.SplitPayment,
        };
        if (rules.Any)
        {
            // The office is known only once the file has been read: the body's own rules (layer 3) need a second pass.
            report = InvoiceValidator.Validate(request.File, new ValidationOptions { FileName = request.FileName, ReceivedOn = now.ItalianDate(), PaRules = rules });
        }

        var existing = await db.ReceivedInvoices.AsNoTracking()
            .Where(i => i.EnteId == office.EnteId && i.IdentificativoSdI == request.IdentificativoSdI)
            .OrderBy(i => i.Position).ToListAsync(ct);
        if (existing.Count > 0)
        {
            var ids = existing.Select(i => i.Id).ToList();
            var numbers = await db.Register.AsNoTracking().Where(r => ids.Contains(r.ReceivedInvoiceId)).OrderBy(r => r.Number).Select(r => r.Number).ToListAsync(ct);
            return (new ReceiveInvoiceResponse(office.EnteIpa, office.CodiceUfficio, existing[0].ProtocolNumber, ids, numbers, existing.Sum(i => i.ErrorCount)), null);
        }

        var stored = await blobs.PutAsync(new MemoryStream(request.File, writable: false), cancellationToken: ct);
        string mediaType = report.Envelope == EnvelopeKind.PlainXml ? PreservationHandover.Xml : PreservationHandover.SignedXml;
        string supplierName = facts.Cedente.Name.Length > 0 ? facts.Cedente.Name : "Fornitore";
        string? supplierVat = facts.Cedente.IdCodice is { } code ? facts.Cedente.Country + code : null;
        var outcome = await protocol.RegisterAsync(new ProtocolRequest(
            office.EnteIpa,
            ProtocolDirection.Incoming,
            $"Fattura elettronica {request.FileName} di {supplierName}" + (facts.Bodies.Count > 1 ? $" ({facts.Bodies.Count} fatture)" : $" n. {facts.Bodies[0].Numero}"),
            [new ProtocolCorrespondent(supplierName) { TaxCode = facts.Cedente.IdCodice ?? facts.Cedente.CodiceFiscale }],
            new ProtocolDocument(request.FileName, mediaType, stored.Sha256, stored.Length),
            ProtocolChannels.Sdi,
            $"invoicing:received:{office.EnteId}:{request.IdentificativoSdI}")
        {
            OfficeCodes = [office.OfficeCode],
            SenderReference = $"SdI {request.IdentificativoSdI}",
        }, ct);
        var registration = outcome.Registration;

        string findings = JsonSerializer.Serialize(report.Issues.Select(IssueDto.From), JsonOptions);
        int year = now.ItalianDate().Year;
        long next = (await db.Register.Where(r => r.EnteId == office.EnteId && r.Year == year).MaxAsync(r => (long?)r.Number, ct) ?? 0) + 1;
        var supplier = await Suppliers.SupplierRegistry.UpsertAsync(db, office.EnteId, facts, now, ct);
        var invoices = new List<ReceivedInvoice>();
        var registerNumbers = new List<long>();
        foreach (var body in facts.Bodies)
        {
            var invoice = new ReceivedInvoice
            {
                Id = Guid.NewGuid(),
                EnteId = office.EnteId,
                EnteIpa = office.EnteIpa,
                BillingOfficeId = office.Id,
                IdentificativoSdI = request.IdentificativoSdI,
                FileName = request.FileName,
                FileSha256 = stored.Sha256,
                FileLength = stored.Length,
                Position = body.Position,
                Channel = request.Channel,
                TipoDocumento = body.TipoDocumento,
                Numero = body.Numero,
                DocumentDate = body.Data,
                SupplierName = supplierName,
                SupplierVatId = supplierVat,
                SupplierTaxCode = facts.Cedente.CodiceFiscale,
                TotalCents = (long)decimal.Round((body.ImportoTotaleDocumento ?? body.TaxableTotal + body.VatTotal) * 100m),
                Currency = body.Divisa,
                ReceivedAt = now,
                OutcomeDueOn = now.ItalianDate().AddDays(OutcomeDays),
                Status = ReceivedInvoiceStatus.Received,
                ProtocolNumber = registration?.Formatted,
                ProtocolEntryId = registration?.EntryId,
                Cig = body.Cig.FirstOrDefault(),
                Cup = body.Cup.FirstOrDefault(),
                Findings = findings,
                ErrorCount = report.Errors.Count(),
                ReceivedBy = request.ReceivedBy,
                SupplierId = supplier?.Id,
                PaymentIban = Suppliers.SupplierRegistry.PaymentIbanOf(body),
            };
            db.ReceivedInvoices.Add(invoice);
            db.Register.Add(new InvoiceRegisterEntry
            {
                Id = Guid.NewGuid(),
                EnteId = office.EnteId,
                Year = year,
                Number = next,
                ReceivedInvoiceId = invoice.Id,
                RegisteredAt = now,
                ProtocolNumber = registration?.Formatted,
                InvoiceNumber = body.Numero,
                InvoiceDate = body.Data,
                SupplierName = supplierName,
                SupplierTaxId = supplierVat ?? facts.Cedente.CodiceFiscale,
                Subject = body.Causale is { Length: > 200 } c ? c[..200] : body.Causale,
                TotalCents = invoice.TotalCents,
                DueDate = body.DueDates.Count > 0 ? body.DueDates.Min() : null,
                Cig = invoice.Cig,
                Cup = invoice.Cup,
            });
            invoices.Add(invoice);
            registerNumbers.Add(next);
            next++;
        }

        PreservationHandover.Received(db, invoices, InvoiceDocumentTypes.Invoice, new InvoiceFile(request.FileName, mediaType, stored.Sha256, stored.Length), now);
        if (request.Metadata is { Length: > 0 } metadata)
        {
            var storedMetadata = await blobs.PutAsync(new MemoryStream(metadata, writable: false), cancellationToken: ct);
            string metadataName = request.MetadataFileName is { Length: > 0 and <= 80 } n ? n : $"{request.FileName.Split('.')[0]}_MT_001.xml";
            foreach (var invoice in invoices)
            {
                db.ExchangeEvents.Add(TransmitOutcomeHandler.Event(invoice, "MT", "File dei metadati (MT) ricevuto da SdI con la fattura", null, storedMetadata.Sha256, metadataName, now));
            }

            PreservationHandover.Received(db, invoices, InvoiceDocumentTypes.Metadata, new InvoiceFile(metadataName, PreservationHandover.Xml, storedMetadata.Sha256, storedMetadata.Length), now);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (retryOnConflict)
        {
            db.ChangeTracker.Clear();
            return await HandleAsync(request, retryOnConflict: false, ct);
        }

        return (new ReceiveInvoiceResponse(office.EnteIpa, office.CodiceUfficio, registration?.Formatted, [.. invoices.Select(i => i.Id)], registerNumbers, report.Errors.Count()), null);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
