using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace PenToscana.Modules.Identity.Features.Saml;

/// <summary>
/// The SP's settings and signing key. Addresses come from Identity:Saml:BaseUrl (required outside development, so that
/// Destination and Recipient never depend on a proxy's Host header); in development they follow the request.
/// </summary>
internal sealed class SamlContext(IConfiguration configuration, IHostEnvironment environment)
{
    private readonly Lazy<X509Certificate2> certificate = new(() => SigningCertificates.Load(
        configuration, "Identity:Saml", "saml-sp.pfx", "CN=PenToscana SP, O=Regione Toscana, C=IT", !environment.IsProduction()));

    public X509Certificate2 Certificate => certificate.Value;

    public ServiceProviderSettings Settings(HttpContext http)
    {
        var settings = ServiceProviderSettings.From(configuration);
        if (!string.IsNullOrWhiteSpace(configuration["Identity:Saml:BaseUrl"]))
        {
            return settings;
        }

        if (environment.IsProduction())
        {
            throw new InvalidOperationException("Impostare Identity:Saml:BaseUrl (indirizzo pubblico https della piattaforma) per usare SPID.");
        }

        var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        return settings with { BaseUrl = baseUrl, EntityId = configuration["Identity:Saml:EntityId"] ?? baseUrl, OrganizationUrl = configuration["Identity:Saml:OrganizationUrl"] ?? baseUrl };
    }
}
