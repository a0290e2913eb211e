using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Kernel.Web;

namespace PenToscana.Modules.InfoDesk.Features;

/// <summary>
/// The public report lists (Open311 <c>requests</c>, the public map's points) answered from the output cache for a few
/// seconds (<c>InfoDesk:PublicCacheSeconds</c>, default 10; 0 turns it off): what many people ask at once — the map after a
/// storm, integrators polling one filter — is built once and identical requests arriving meanwhile wait for it instead of
/// each building it again. Only anonymous GETs answered 200 without cookies are kept, per body, host and query string;
/// these answers carry no personal data and do not depend on who asks. Any save that touches a body's reports evicts that
/// body's entries at once on this node (<see cref="Data.InfoDeskDb"/>); another node's copy lasts at most the few seconds.
/// The lists are also compressed (Brotli or gzip) for clients that accept it, and kept so.
/// </summary>
internal sealed class PublicCache(IConfiguration configuration) : IOutputCachePolicy
{
    public const string PolicyName = "infodesk-public";

    private readonly ConcurrentDictionary<string, Guid> _bodies = new(StringComparer.OrdinalIgnoreCase);

    public static string Tag(Guid enteId) => $"infodesk-public:{enteId:N}";

    private TimeSpan Lifetime => TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("InfoDesk:PublicCacheSeconds", 10), 0, 300));

    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var lifetime = Lifetime;
        if (lifetime <= TimeSpan.Zero
            || !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            || http.User.Identity?.IsAuthenticated == true
            || http.Request.Headers.Authorization.Count > 0)
        {
            return;
        }

        string? ipa = http.GetRouteValue("ipa") as string ?? http.Request.Query["jurisdiction_id"].ToString();
        if (string.IsNullOrWhiteSpace(ipa))
        {
            return;
        }

        if (!_bodies.TryGetValue(ipa, out var enteId))
        {
            var ente = await http.RequestServices.GetRequiredService<Bodies>().ByIpaAsync(ipa, cancellation);
            if (ente is null)
            {
                return;
            }

            enteId = _bodies.GetOrAdd(ipa, ente.Id);
        }

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.AllowLocking = true;
        context.CacheVaryByRules.VaryByHost = true;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.HeaderNames = "Accept-Encoding"; // the answer is kept as sent: compressed or not
        context.ResponseExpirationTimeSpan = lifetime;
        context.Tags.Add(Tag(enteId));
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}

internal static class PublicListEndpoints
{
    /// <summary>Marks a public list: answered from <see cref="PublicCache"/> and compressed for clients that accept it.</summary>
    public static RouteHandlerBuilder AsPublicList(this RouteHandlerBuilder endpoint)
        => endpoint.CacheOutput(PublicCache.PolicyName).WithMetadata(new CompressedResponseAttribute());
}
