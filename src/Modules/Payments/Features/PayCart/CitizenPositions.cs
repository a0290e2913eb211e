using Microsoft.EntityFrameworkCore;
using PenToscana.Contracts.Identity;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Features.Bodies;

namespace PenToscana.Modules.Payments.Features.PayCart;

/// <summary>Why the signed-in person sees a position: their own, as delegated payer, for a company or a person they act for.</summary>
internal sealed record CitizenPosition(DebtPosition Position, Body Body, string Relation, IReadOnlyList<Receipt> Receipts);

/// <summary>The positions of every body a person may see and pay in their personal area.</summary>
internal sealed class CitizenPositions(PaymentsDb db, ICurrentUser user, IIdentityApi identity, BodyDirectory bodies)
{
    /// <summary>The debtors the signed-in person may act for, with the relation shown on the page.</summary>
    public async Task<Dictionary<string, string>> DebtorsAsync(CancellationToken ct)
    {
        var me = user.TaxCode!;
        var debtors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [me] = "Intestata a te" };
        foreach (var q in await identity.QualificationsOfAsync(me, ct))
        {
            if (q.Kind == QualificationKinds.LegalRepresentative && await identity.MayActForAsync(me, q.Subject, "payments", ct))
            {
                debtors.TryAdd(q.Subject, $"Di {q.SubjectName}, che rappresenti");
            }
        }

        if (user.OnBehalfOf is { Length: > 0 } other && await identity.MayActForAsync(me, other, "payments", ct))
        {
            debtors.TryAdd(other, $"Di {other}, per cui agisci");
        }

        return debtors;
    }

    public async Task<IReadOnlyList<CitizenPosition>> ListAsync(CancellationToken ct)
    {
        var me = user.TaxCode!;
        var debtors = await DebtorsAsync(ct);
        var keys = debtors.Keys.ToList();
        // The delegations first, by their own index: an OR with a subquery would make PostgreSQL scan every position,
        // while two lists of keys let it combine the debtor index and the primary key.
        var delegated = await db.DelegatedPayers.AsNoTracking().Where(d => d.TaxCode == me).Select(d => d.PositionId).ToListAsync(ct);
        var positions = await db.Positions.AsNoTracking()
            .Where(p => p.Status != PositionStatus.Draft && (keys.Contains(p.DebtorTaxCode) || delegated.Contains(p.Id)))
            .Include(p => p.DelegatedPayers)
            .Include(p => p.Options).ThenInclude(o => o.Instalments)
            .AsSplitQuery()
            .OrderByDescending(p => p.CreatedAt)
            .Take(500)
            .ToListAsync(ct);
        var ids = positions.Select(p => p.Id).ToList();
        var receipts = await db.Receipts.AsNoTracking().Where(r => r.PositionId != null && ids.Contains(r.PositionId.Value)).ToListAsync(ct);
        var result = new List<CitizenPosition>(positions.Count);
        foreach (var p in positions)
        {
            var body = await bodies.ByIdAsync(p.EnteId, ct);
            if (body is null)
            {
                continue;
            }

            string relation = debtors.TryGetValue(p.DebtorTaxCode, out var r) ? r : $"Di {p.DebtorName}, come pagatore delegato";
            result.Add(new CitizenPosition(p, body, relation, receipts.Where(x => x.PositionId == p.Id).OrderBy(x => x.PaymentDateTime).ToList()));
        }

        return result;
    }

    /// <summary>Whether the signed-in person may see this position (and its notices and receipts).</summary>
    public async Task<bool> MaySeeAsync(DebtPosition position, CancellationToken ct)
        => position.DelegatedPayers.Any(d => d.TaxCode == user.TaxCode) || (await DebtorsAsync(ct)).ContainsKey(position.DebtorTaxCode);
}
