using PenToscana.Kernel.Security;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;

namespace PenToscana.Web.Hosting;

internal static class SecurityHeaders
{
    // Scripts and styles are served from this origin only; Scalar's API page needs inline styles and workers.
    private const string Csp =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; worker-src 'self' blob:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, MapTiles tiles)
    {
        // The maps' background tiles come from the configured tile server.
        string csp = tiles.CspSource is { } tileSource ? Csp.Replace("img-src 'self' data: blob:", $"img-src 'self' data: blob: {tileSource}", StringComparison.Ordinal) : Csp;
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // Scalar's API page starts itself with an inline module script carrying a per-request nonce.
                headers.ContentSecurityPolicy = context.Items.TryGetValue(Scalar.AspNetCore.ScalarOptions.NonceHttpContextItemKey, out var n) && n is string nonce
                    ? csp.Replace("script-src 'self'", $"script-src 'self' 'nonce-{nonce}'", StringComparison.Ordinal)
                    : csp;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self), payment=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            await next();
        });
    }
}

/// <summary>
/// Sets the request's <see cref="BodyScope"/>: back-office, administration and operator API requests see only
/// the bodies the operator works for (platform administrators see all), an API client's token sees its own body;
/// a body's public pages see that body.
/// </summary>
internal static class BodyScopeMiddleware
{
    private static readonly string[] OperatorAreas = ["/admin", "/backoffice", "/api/v1/backoffice"];

    public static IApplicationBuilder UseBodyScope(this IApplicationBuilder app)
        => app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (OperatorAreas.Any(a => path.StartsWithSegments(a, StringComparison.OrdinalIgnoreCase)))
            {
                var user = context.RequestServices.GetRequiredService<ICurrentUser>();
                if (context.User.FindFirst(ApiClientClaims.Body)?.Value is { } clientBody)
                {
                    // A body's API client (client credentials token): that body only, never more.
                    context.RequestServices.GetRequiredService<BodyScope>().RestrictTo(Guid.TryParse(clientBody, out var ente) ? [ente] : []);
                }
                else if (!user.IsPlatformAdmin)
                {
                    context.RequestServices.GetRequiredService<BodyScope>().RestrictTo(user.OperatorBodies);
                }
            }

            await next();
        });
}
