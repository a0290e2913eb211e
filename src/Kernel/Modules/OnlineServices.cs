using PenToscana.Kernel.Tenancy;

namespace PenToscana.Kernel.Modules;

/// <summary>An entry on a body's page of online services.</summary>
public sealed record OnlineServiceLink(string Title, string Description, string Url, string Category, string Icon = "it-file");

/// <summary>
/// The registration hook through which modules list their online services on a body's page.
/// Register implementations as singletons or scoped services; the page asks each one in turn.
/// </summary>
public interface IOnlineServiceSource
{
    Task<IReadOnlyList<OnlineServiceLink>> ListAsync(Ente ente, CancellationToken cancellationToken);
}

/// <summary>Whether a module is switched on: <c>Modules:&lt;Name&gt;:Enabled</c>, true unless set to false.</summary>
public static class ModuleSwitch
{
    public static bool IsEnabled(Microsoft.Extensions.Configuration.IConfiguration configuration, string module)
        => !string.Equals(configuration[$"Modules:{module}:Enabled"], "false", StringComparison.OrdinalIgnoreCase);
}
