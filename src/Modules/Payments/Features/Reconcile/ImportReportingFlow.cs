using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Values;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Features.Bodies;
using PenToscana.Modules.Payments.Soap;

namespace PenToscana.Modules.Payments.Features.Reconcile;

/// <summary>
/// Imports a reporting flow (FlussoRiversamento) for the body and matches each reported payment to an instalment's
/// transfer by IUV and transfer index: matched transfers become REPORTED (and positions too when all are), the rest
/// are kept as anomalies (reported but unknown, amount mismatch). The same flow imported twice changes nothing.
/// </summary>
internal sealed class ImportReportingFlowHandler(PaymentsDb db, TimeProvider time)
{
    private static readonly XNamespace Pay = NodeSchemas.FdrNamespace;

    public async Task<Result<ReportingFlow>> HandleAsync(Body body, Stream xml, CancellationToken ct)
    {
        XDocument doc;
        try
        {
            using var reader = XmlReader.Create(xml, NodeSchemas.SafeReaderSettings(async: true));
            doc = await XDocument.LoadAsync(reader, LoadOptions.None, ct);
        }
        catch (XmlException ex)
        {
            return new Error("payments.fdr_xml", "Il file non è un XML leggibile: " + ex.Message);
        }

        var errors = new List<string>();
        doc.Validate(NodeSchemas.Fdr, (_, e) => errors.Add(e.Message));
        if (errors.Count > 0)
        {
            return new Error("payments.fdr_schema", "Il flusso non è conforme allo schema FlussoRiversamento 1.0.4: " + errors[0]);
        }

        var root = doc.Root!;
        string receiver = root.Element(Pay + "istitutoRicevente")!.Element(Pay + "identificativoUnivocoRicevente")!.Element(Pay + "codiceIdentificativoUnivoco")!.Value;
        if (receiver != body.TaxCode)
        {
            return new Error("payments.fdr_receiver", $"Il flusso è destinato a {receiver}, non a {body.Name}.");
        }

        string flowId = root.Element(Pay + "identificativoFlusso")!.Value;
        var existing = await db.Flows.Include(f => f.Payments).SingleOrDefaultAsync(f => f.EnteId == body.Id && f.FlowId == flowId, ct);
        if (existing is not null)
        {
            return existing;
        }

        var now = time.GetUtcNow();
        var flow = new ReportingFlow
        {
            Id = Guid.CreateVersion7(now),
            EnteId = body.Id,
            FlowId = flowId,
            PspId = root.Element(Pay + "istitutoMittente")!.Element(Pay + "identificativoUnivocoMittente")!.Element(Pay + "codiceIdentificativoUnivoco")!.Value,
            SettlementDate = DateOnly.ParseExact(root.Element(Pay + "dataRegolamento")!.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            SettlementReference = root.Element(Pay + "identificativoUnivocoRegolamento")!.Value,
            DeclaredCount = int.Parse(root.Element(Pay + "numeroTotalePagamenti")!.Value, CultureInfo.InvariantCulture),
            DeclaredTotalCents = PaymentCodes.ParseSoapAmount(root.Element(Pay + "importoTotalePagamenti")!.Value),
            ImportedAt = now,
        };
        var touched = new HashSet<Guid>();
        foreach (var item in root.Elements(Pay + "datiSingoliPagamenti"))
        {
            string iuv = item.Element(Pay + "identificativoUnivocoVersamento")!.Value;
            int index = item.Element(Pay + "indiceDatiSingoloPagamento") is { } i ? int.Parse(i.Value, CultureInfo.InvariantCulture) : 1;
            long cents = PaymentCodes.ParseSoapAmount(item.Element(Pay + "singoloImportoPagato")!.Value);
            var instalment = await db.Instalments.Include(x => x.Transfers).SingleOrDefaultAsync(x => x.EnteId == body.Id && x.Iuv == iuv, ct);
            var transfer = instalment?.Transfers.SingleOrDefault(t => t.Index == index);
            var match = transfer is null || instalment!.Status is InstalmentStatus.Unpaid or InstalmentStatus.Unavailable
                ? ReportMatch.UnknownPayment
                : transfer.AmountCents != cents ? ReportMatch.AmountMismatch : ReportMatch.Matched;
            if (match == ReportMatch.Matched)
            {
                transfer!.ReportedAt = now;
                touched.Add(instalment!.PositionId);
            }

            flow.Payments.Add(new ReportedPayment
            {
                Id = Guid.CreateVersion7(now),
                FlowId = flow.Id,
                Iuv = iuv,
                Iur = item.Element(Pay + "identificativoUnivocoRiscossione")!.Value,
                TransferIndex = index,
                AmountCents = cents,
                OutcomeCode = item.Element(Pay + "codiceEsitoSingoloPagamento")!.Value,
                OutcomeDate = DateOnly.ParseExact(item.Element(Pay + "dataEsitoSingoloPagamento")!.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Match = match,
            });
        }

        foreach (var positionId in touched)
        {
            var position = await db.Positions.Include(p => p.Options).ThenInclude(o => o.Instalments).ThenInclude(i => i.Transfers).SingleAsync(p => p.Id == positionId, ct);
            position.RefreshReported();
        }

        db.Flows.Add(flow);
        await db.SaveChangesAsync(ct);
        return flow;
    }
}
