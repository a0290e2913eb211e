using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PenToscana.Kernel.Security;

/// <summary>
/// An OAuth scope that opens one area of the machine API to a body's client (client credentials),
/// e.g. <c>api.backoffice</c> for <c>/api/v1/backoffice</c>. Modules register theirs with <see cref="ApiScopeRegistration.AddApiScope"/>.
/// </summary>
public sealed record ApiScope(string Name, string Description, string PathPrefix);

/// <summary>Claims carried by an access token issued to a body's API client.</summary>
public static class ApiClientClaims
{
    /// <summary>The body (EnteId) the client belongs to: the only body its requests may see.</summary>
    public const string Body = "ente_id";
}

/// <summary>Every API scope registered by the modules; the OIDC provider offers them, the API policy checks them.</summary>
public sealed class ApiScopeRegistry(IEnumerable<ApiScope> scopes)
{
    public IReadOnlyList<ApiScope> All { get; } = scopes.GroupBy(s => s.Name).Select(g => g.First()).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    /// <summary>The scope guarding a request path (longest registered prefix), or null when no API scope covers it.</summary>
    public ApiScope? ForPath(string path)
        => All.Where(s => path.StartsWith(s.PathPrefix, StringComparison.OrdinalIgnoreCase)
                          && (path.Length == s.PathPrefix.Length || path[s.PathPrefix.Length] == '/'))
            .MaxBy(s => s.PathPrefix.Length);
}

public static class ApiScopeRegistration
{
    public static IServiceCollection AddApiScope(this IServiceCollection services, string name, string description, string pathPrefix)
    {
        services.AddSingleton(new ApiScope(name, description, pathPrefix));
        services.TryAddSingleton<ApiScopeRegistry>();
        return services;
    }
}
