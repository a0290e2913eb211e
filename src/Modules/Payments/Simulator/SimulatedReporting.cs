using System.Globalization;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Soap;

namespace PenToscana.Modules.Payments.Simulator;

/// <summary>
/// The simulated PSPs' reporting: for what each PSP collected for a body and not yet reported, one flusso di
/// rendicontazione (FlussoRiversamento 1.0.4) per PSP, with its settlement reference, as the node publishes them.
/// </summary>
internal sealed class SimulatedReporting(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly XNamespace Pay = NodeSchemas.FdrNamespace;

    public async Task<IReadOnlyList<string>> PublishFlowsAsync(string bodyTaxCode, string bodyName, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDb>();
        var pending = await db.SimulatedPayments.Where(p => p.BodyTaxCode == bodyTaxCode && p.FlowId == null).OrderBy(p => p.PaidAt).ToListAsync(ct);
        var now = time.GetUtcNow();
        var flows = new List<string>();
        int seq = 1;
        foreach (var byPsp in pending.GroupBy(p => p.PspId))
        {
            string flowId = $"{now:yyyy-MM-dd}{byPsp.Key}-{now:HHmmss}{seq++:D2}";
            var rows = byPsp.SelectMany(p => p.Transfers.Split(';').Select(t => t.Split(':'))
                    .Where(t => t[1] == bodyTaxCode)
                    .Select(t => (Payment: p, Index: int.Parse(t[0], CultureInfo.InvariantCulture), Cents: long.Parse(t[2], CultureInfo.InvariantCulture))))
                .ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            var xml = new XElement(Pay + "FlussoRiversamento",
                new XAttribute(XNamespace.Xmlns + "pay_i", Pay.NamespaceName),
                new XElement(Pay + "versioneOggetto", "1.0"),
                new XElement(Pay + "identificativoFlusso", flowId),
                new XElement(Pay + "dataOraFlusso", now.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
                new XElement(Pay + "identificativoUnivocoRegolamento", "SCT" + now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + seq),
                new XElement(Pay + "dataRegolamento", now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                new XElement(Pay + "istitutoMittente",
                    new XElement(Pay + "identificativoUnivocoMittente", new XElement(Pay + "tipoIdentificativoUnivoco", "B"), new XElement(Pay + "codiceIdentificativoUnivoco", byPsp.Key)),
                    new XElement(Pay + "denominazioneMittente", "PSP simulato " + byPsp.Key)),
                new XElement(Pay + "istitutoRicevente",
                    new XElement(Pay + "identificativoUnivocoRicevente", new XElement(Pay + "tipoIdentificativoUnivoco", "G"), new XElement(Pay + "codiceIdentificativoUnivoco", bodyTaxCode)),
                    new XElement(Pay + "denominazioneRicevente", bodyName)),
                new XElement(Pay + "numeroTotalePagamenti", rows.Count),
                new XElement(Pay + "importoTotalePagamenti", PaymentCodes.SoapAmount(rows.Sum(r => r.Cents))),
                rows.Select(r => new XElement(Pay + "datiSingoliPagamenti",
                    new XElement(Pay + "identificativoUnivocoVersamento", r.Payment.Iuv),
                    new XElement(Pay + "identificativoUnivocoRiscossione", r.Payment.Iur),
                    new XElement(Pay + "indiceDatiSingoloPagamento", r.Index),
                    new XElement(Pay + "singoloImportoPagato", PaymentCodes.SoapAmount(r.Cents)),
                    new XElement(Pay + "codiceEsitoSingoloPagamento", "0"),
                    new XElement(Pay + "dataEsitoSingoloPagamento", r.Payment.PaidAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))));
            foreach (var p in byPsp)
            {
                p.FlowId = flowId;
            }

            flows.Add(xml.ToString());
        }

        await db.SaveChangesAsync(ct);
        return flows;
    }
}
