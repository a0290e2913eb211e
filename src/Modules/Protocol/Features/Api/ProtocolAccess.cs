using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Security;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;

namespace PenToscana.Modules.Protocol.Features.Api;

/// <summary>Who is acting on a body's register: an operator of that body (session) or that body's API client (token).</summary>
internal sealed record ProtocolActor(Ente Ente, string Name, bool IsClient, bool MayAnnul, bool IsAdmin);

/// <summary>
/// Resolves the body named in the path and checks the caller works for it; narrows the request's body scope to it.
/// A caller of another body is refused as if the body had no register for them.
/// </summary>
internal sealed class ProtocolAccess(KernelDb kernel, ICurrentUser user, BodyScope scope)
{
    public const string ScopeName = "api.protocol";

    public async Task<ProtocolActor?> ResolveAsync(ClaimsPrincipal principal, string ipa, CancellationToken cancellationToken)
    {
        var ente = await kernel.Enti.AsNoTracking().FirstOrDefaultAsync(e => e.IpaCode == ipa, cancellationToken);
        if (ente is null)
        {
            return null;
        }

        if (principal.FindFirst(ApiClientClaims.Body)?.Value is { } clientBody)
        {
            if (!Guid.TryParse(clientBody, out var clientEnte) || clientEnte != ente.Id || !HasScope(principal))
            {
                return null;
            }

            scope.RestrictTo([ente.Id]);
            var client = principal.FindFirst("client_id")?.Value ?? principal.FindFirst("sub")?.Value ?? "client";
            return new ProtocolActor(ente, "api:" + client, IsClient: true, MayAnnul: true, IsAdmin: false);
        }

        if (!user.IsAuthenticated || user.TaxCode is not { } taxCode || !user.OperatorBodies.Contains(ente.Id))
        {
            return null;
        }

        scope.RestrictTo([ente.Id]);
        bool admin = user.HasRole(ente.Id, PlatformRoles.BodyAdmin);
        return new ProtocolActor(ente, taxCode, IsClient: false, MayAnnul: admin || user.HasRole(ente.Id, PlatformRoles.ProtocolOfficer), IsAdmin: admin);
    }

    public Task<string?> IpaOfAsync(Guid enteId, CancellationToken cancellationToken)
        => kernel.Enti.AsNoTracking().Where(e => e.Id == enteId).Select(e => e.IpaCode).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The access token's scopes (OpenIddict keeps them as <c>oi_scp</c> claims; standard tokens as <c>scope</c>).</summary>
    public static bool HasScope(ClaimsPrincipal principal)
        => principal.FindAll("oi_scp").Any(c => c.Value == ScopeName)
           || principal.FindAll("scope").Any(c => c.Value.Split(' ').Contains(ScopeName));
}
