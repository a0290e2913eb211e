using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Kernel.Security;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;

namespace PenToscana.Modules.Payments.Features.Bodies;

/// <summary>
/// Whether the caller works for the body named in the route: a body's API client only for its own body, an operator
/// for the bodies that granted them a role, a platform administrator for all. The request's body scope is narrowed
/// to that one body, so every query below sees its rows only.
/// </summary>
internal static class BodyAccess
{
    public static async Task<Body?> ResolveAsync(HttpContext http, string ipa, CancellationToken ct)
    {
        var body = await http.RequestServices.GetRequiredService<BodyDirectory>().ByIpaAsync(ipa, ct);
        if (body is null)
        {
            return null;
        }

        var user = http.RequestServices.GetRequiredService<ICurrentUser>();
        bool allowed = http.User.FindFirst(ApiClientClaims.Body)?.Value is { } clientBody
            ? clientBody == body.Id.ToString()
            : user.IsPlatformAdmin || user.OperatorBodies.Contains(body.Id);
        if (!allowed)
        {
            return null;
        }

        http.RequestServices.GetRequiredService<BodyScope>().RestrictTo([body.Id]);
        return body;
    }
}
