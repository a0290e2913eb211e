using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Modules;
using PenToscana.Modules.Invoicing.Data;

namespace PenToscana.Modules.Invoicing.Features.ReceiveInvoice;

/// <summary>The demo bodies' billing offices: the first office of each body gets a Codice Univoco Ufficio.</summary>
internal sealed class DemoBillingOfficesSeeder(InvoicingDb db, KernelDb kernel) : IDemoSeeder
{
    public static readonly IReadOnlyDictionary<string, string> Codes = new Dictionary<string, string>
    {
        ["r_toscan"] = "UFRTOS",
        ["c_d612"] = "UFCFI1",
        ["c_g999"] = "UFCPO1",
        ["usl_tc"] = "UFUSL1",
    };

    public int Order => 30;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var known = await db.BillingOffices.Select(o => o.EnteIpa).ToListAsync(cancellationToken);
        foreach (var (ipa, code) in Codes.Where(c => !known.Contains(c.Key)))
        {
            var ente = await kernel.Enti.AsNoTracking().SingleOrDefaultAsync(e => e.IpaCode == ipa, cancellationToken);
            if (ente is null)
            {
                continue;
            }

            var office = await kernel.Offices.AsNoTracking().Where(o => o.EnteId == ente.Id).OrderBy(o => o.Code).FirstOrDefaultAsync(cancellationToken);
            if (office is null)
            {
                continue;
            }

            db.BillingOffices.Add(new BillingOffice
            {
                Id = Guid.NewGuid(),
                EnteId = ente.Id,
                EnteIpa = ipa,
                OfficeId = office.Id,
                OfficeCode = office.Code,
                OfficeName = office.Name,
                CodiceUfficio = code,
                RequireCig = ipa == "r_toscan",
                SplitPayment = true,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
