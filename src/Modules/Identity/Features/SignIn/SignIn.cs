using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Audit;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Identity.Data;
using PenToscana.Modules.Identity.Features.Representation;

namespace PenToscana.Modules.Identity.Features.SignIn;

/// <summary>Starts a platform session for a person identified by codice fiscale, with claims for every role they hold.</summary>
internal sealed class SignInHandler(IdentityDb db, AuditLog audit, TimeProvider time, ActingOptions actingOptions)
{
    public async Task<bool> HandleAsync(HttpContext http, string taxCode, string method, string spidLevel, CancellationToken ct, IEnumerable<Claim>? extraClaims = null)
    {
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.TaxCode == taxCode, ct);
        if (person is null)
        {
            return false;
        }

        // Sign-in is system work: the grants of every body are read, then carried as claims.
        var grants = await db.RoleGrants.IgnoreQueryFilters().AsNoTracking().Where(g => g.PersonTaxCode == taxCode).ToListAsync(ct);
        var claims = new List<Claim>
        {
            new(PlatformClaims.TaxCode, person.TaxCode),
            new(PlatformClaims.Name, person.DisplayName),
            new(PlatformClaims.SpidLevel, spidLevel),
            new("amr", method),
        };
        if (person.Email is not null)
        {
            claims.Add(new(PlatformClaims.Email, person.Email));
        }

        claims.AddRange(extraClaims ?? []);
        if (await actingOptions.AnyAsync(taxCode, ct))
        {
            claims.Add(new(PlatformClaims.MayRepresent, "true"));
        }

        claims.AddRange(grants.Select(g => new Claim(PlatformClaims.BodyRole, PlatformClaims.Format(new BodyRole(g.EnteId, g.Role, g.OfficeId)))));
        var identity = new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, PlatformClaims.Name, null);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        // A plain column update, not a versioned save: the same person signing in twice at once (phone and desktop) must
        // not fail one of the two on the concurrency token.
        var now = time.GetUtcNow();
        await db.People.Where(p => p.TaxCode == taxCode).ExecuteUpdateAsync(set => set.SetProperty(p => p.LastSignInAt, now), ct);
        await audit.AppendAsync(new AuditRecord(person.TaxCode, "identity.sign-in", Details: method), ct);
        return true;
    }
}
