using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;

namespace PenToscana.Modules.Invoicing.Features.SdiSimulator;

/// <summary>
/// The HTTP client of the SDICoop traffic: the platform calling SdI (SdIRiceviFile, SdIRiceviNotifica) and the simulator
/// calling the platform (RicezioneFatture, TrasmissioneFatture). Its base address is <c>Invoicing:Sdi:BaseUrl</c>, or the
/// platform's own listening address in the embedded mode, where the simulator runs inside the platform.
/// </summary>
internal static class SdiHttp
{
    public const string ClientName = "invoicing-sdi";

    public static HttpClient Create(IHttpClientFactory factory, IConfiguration configuration, IServer server)
    {
        var client = factory.CreateClient(ClientName);
        if (client.BaseAddress is null)
        {
            var configured = configuration["Invoicing:Sdi:BaseUrl"];
            client.BaseAddress = configured is { Length: > 0 } ? new Uri(configured) : FromServer(server) ?? new Uri("http://localhost:5000");
        }

        client.Timeout = TimeSpan.FromSeconds(30);
        return client;
    }

    /// <summary>The first address the server listens on, with a wildcard host made loopback.</summary>
    public static Uri? FromServer(IServer server)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return null;
        }

        address = address.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal);
        return Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri : null;
    }
}
