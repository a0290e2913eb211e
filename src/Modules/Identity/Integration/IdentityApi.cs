using Microsoft.EntityFrameworkCore;
using PenToscana.Contracts.Identity;
using PenToscana.Modules.Identity.Data;

namespace PenToscana.Modules.Identity.Integration;

internal sealed class IdentityApi(IdentityDb db, TimeProvider time) : IIdentityApi
{
    public async Task<bool> HasQualificationAsync(string taxCode, string kind, string? subject = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var code = taxCode.Trim().ToUpperInvariant();
        var query = db.Qualifications.AsNoTracking().Where(q => q.PersonTaxCode == code && q.Kind == kind && (q.ValidUntil == null || q.ValidUntil > now));
        if (subject is not null)
        {
            var s = subject.Trim();
            query = query.Where(q => q.Subject == s);
        }

        return await query.AnyAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<QualificationInfo>> QualificationsOfAsync(string taxCode, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var code = taxCode.Trim().ToUpperInvariant();
        return await db.Qualifications.AsNoTracking()
            .Where(q => q.PersonTaxCode == code && (q.ValidUntil == null || q.ValidUntil > now))
            .OrderBy(q => q.Kind).ThenBy(q => q.SubjectName)
            .Select(q => new QualificationInfo(q.Kind, q.Subject, q.SubjectName, q.ValidUntil))
            .ToListAsync(cancellationToken);
    }

    public async Task<bool> MayActForAsync(string actorTaxCode, string representedId, string? serviceCode = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var actor = actorTaxCode.Trim().ToUpperInvariant();
        var represented = representedId.Trim().ToUpperInvariant();
        if (actor == represented)
        {
            return true;
        }

        if (await HasQualificationAsync(actor, QualificationKinds.LegalRepresentative, represented, cancellationToken))
        {
            return true;
        }

        var delegations = await db.Delegations.AsNoTracking()
            .Where(d => d.DelegateTaxCode == actor && d.DelegatorTaxCode == represented && d.RevokedAt == null && d.ExpiresAt > now)
            .ToListAsync(cancellationToken);
        return delegations.Any(d => d.Covers(serviceCode));
    }
}
