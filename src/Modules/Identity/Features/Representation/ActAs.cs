using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using PenToscana.Contracts.Identity;
using PenToscana.Kernel.Audit;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Identity.Data;

namespace PenToscana.Modules.Identity.Features.Representation;

internal enum ActingKind
{
    Company,
    Delegator,
}

/// <summary>A party the signed-in person may act for: a company they legally represent, or a person who delegated them.</summary>
internal sealed record ActingOption(ActingKind Kind, string Id, string Name, string? Services, DateTimeOffset? Until);

/// <summary>Who a person may act for now: companies from their legal-representative qualifications, people from unexpired, unrevoked delegations.</summary>
internal sealed class ActingOptions(IdentityDb db, TimeProvider time)
{
    public async Task<IReadOnlyList<ActingOption>> ForAsync(string taxCode, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var companies = await db.Qualifications.AsNoTracking()
            .Where(q => q.PersonTaxCode == taxCode && q.Kind == QualificationKinds.LegalRepresentative && (q.ValidUntil == null || q.ValidUntil > now))
            .OrderBy(q => q.SubjectName)
            .ToListAsync(ct);
        var delegations = await db.Delegations.AsNoTracking()
            .Where(d => d.DelegateTaxCode == taxCode && d.RevokedAt == null && d.ExpiresAt > now)
            .OrderBy(d => d.DelegatorName)
            .ToListAsync(ct);
        return
        [
            .. companies.Select(q => new ActingOption(ActingKind.Company, q.Subject, q.SubjectName, null, q.ValidUntil)),
            .. delegations.Select(d => new ActingOption(ActingKind.Delegator, d.DelegatorTaxCode, d.DelegatorName, d.Services, d.ExpiresAt)),
        ];
    }

    public async Task<bool> AnyAsync(string taxCode, CancellationToken ct) => (await ForAsync(taxCode, ct)).Count > 0;
}

/// <summary>
/// The signed-in person chooses to act for themselves or for one of their options: the session is re-issued with
/// <c>on_behalf_of</c> set (or removed), and the choice is audited with both the actor and the represented party.
/// </summary>
internal sealed class ActAsHandler(ActingOptions options, AuditLog audit)
{
    public async Task<bool> HandleAsync(HttpContext http, string? representedId, CancellationToken ct)
    {
        var principal = http.User;
        var taxCode = principal.FindFirstValue(PlatformClaims.TaxCode);
        if (taxCode is null)
        {
            return false;
        }

        ActingOption? chosen = null;
        if (!string.IsNullOrEmpty(representedId))
        {
            chosen = (await options.ForAsync(taxCode, ct)).FirstOrDefault(o => o.Id == representedId);
            if (chosen is null)
            {
                return false;
            }
        }

        var claims = principal.Claims.Where(c => c.Type is not PlatformClaims.OnBehalfOf and not PlatformClaims.OnBehalfOfName).ToList();
        if (chosen is not null)
        {
            claims.Add(new Claim(PlatformClaims.OnBehalfOf, chosen.Id));
            claims.Add(new Claim(PlatformClaims.OnBehalfOfName, chosen.Name));
        }

        var identity = new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, PlatformClaims.Name, null);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        await audit.AppendAsync(new AuditRecord(taxCode, chosen is null ? "identity.acting.self" : "identity.acting.on-behalf",
            Subject: chosen?.Id, Details: chosen is null ? null : $"{chosen.Kind}: {chosen.Name}", OnBehalfOf: chosen?.Id), ct);
        return true;
    }
}
