using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Modules;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Payments.Data;

namespace PenToscana.Modules.Payments;

/// <summary>Lists "pay a notice" and the body's spontaneous payments on its page of online services.</summary>
internal sealed class PaymentsOnlineServices(PaymentsDb db) : IOnlineServiceSource
{
    public async Task<IReadOnlyList<OnlineServiceLink>> ListAsync(Ente ente, CancellationToken cancellationToken)
    {
        if (!await db.Settings.AnyAsync(s => s.EnteId == ente.Id, cancellationToken))
        {
            return [];
        }

        var links = new List<OnlineServiceLink>
        {
            new("Paga un avviso pagoPA", $"Paga un avviso di {ente.Name} con il codice avviso.", "/area-personale/pagamenti#paga-avviso", "Pagamenti", "it-card"),
        };
        var spontaneous = await db.Services.AsNoTracking().Where(s => s.EnteId == ente.Id && s.Spontaneous).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        links.AddRange(spontaneous.Select(s => new OnlineServiceLink(s.Name, "Pagamento spontaneo con pagoPA.", $"/area-personale/pagamenti/spontanei?ente={ente.IpaCode}&servizio={s.Code}", "Pagamenti", "it-card")));
        return links;
    }
}
