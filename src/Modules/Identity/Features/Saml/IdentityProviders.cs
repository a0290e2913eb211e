using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PenToscana.Modules.Identity.Features.DemoIdp;

namespace PenToscana.Modules.Identity.Features.Saml;

/// <summary>An identity provider as its metadata describes it; only these certificates are ever trusted for its messages.</summary>
internal sealed record IdentityProvider(
    string EntityId,
    string Name,
    string Kind,
    string? SsoRedirect,
    string? SsoPost,
    string? SloRedirect,
    string? SloPost,
    IReadOnlyList<X509Certificate2> Certificates);

internal static class IdpMetadataReader
{
    /// <summary>Reads every IDPSSODescriptor of a metadata document (one EntityDescriptor or an EntitiesDescriptor).</summary>
    public static IReadOnlyList<IdentityProvider> Read(string xml, string kind, string? name)
    {
        var document = SamlXml.Load(xml);
        var list = new List<IdentityProvider>();
        foreach (XmlElement entity in document.GetElementsByTagName("EntityDescriptor", SamlNames.Metadata))
        {
            var idp = entity.Child(SamlNames.Metadata, "IDPSSODescriptor");
            if (idp is null)
            {
                continue;
            }

            var certificates = idp.Children(SamlNames.Metadata, "KeyDescriptor")
                .Where(k => k.GetAttribute("use") is "" or "signing")
                .SelectMany(k => k.GetElementsByTagName("X509Certificate", SamlNames.Dsig).Cast<XmlElement>())
                .Select(c => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(string.Concat(c.InnerText.Where(ch => !char.IsWhiteSpace(ch))))))
                .ToList();
            string? Location(string service, string binding) => idp.Children(SamlNames.Metadata, service)
                .FirstOrDefault(s => s.GetAttribute("Binding") == binding)?.GetAttribute("Location");
            var display = name
                ?? entity.Child(SamlNames.Metadata, "Organization")?.Child(SamlNames.Metadata, "OrganizationDisplayName")?.InnerText.Trim()
                ?? entity.GetAttribute("entityID");
            list.Add(new IdentityProvider(
                entity.GetAttribute("entityID"), display, kind,
                Location("SingleSignOnService", SamlNames.HttpRedirect), Location("SingleSignOnService", SamlNames.HttpPost),
                Location("SingleLogoutService", SamlNames.HttpRedirect), Location("SingleLogoutService", SamlNames.HttpPost),
                certificates));
        }

        return list;
    }
}

/// <summary>One configured metadata source: Identity:Saml:IdentityProviders:N:{Metadata (file path or https URL), Name, Kind (spid|cie)}.</summary>
internal sealed record IdpSource(string Metadata, string? Name, string Kind);

/// <summary>
/// The identity providers the platform trusts, loaded from metadata files or URLs in configuration (the AgID registry in production)
/// plus the demo IdP where enabled. Refreshable; a source that fails keeps its last good copy.
/// </summary>
internal sealed partial class IdpRegistry(IConfiguration configuration, IHttpClientFactory http, DemoIdpDescriptor demo, TimeProvider time, ILogger<IdpRegistry> logger) : IDisposable
{
    private readonly Dictionary<string, IReadOnlyList<IdentityProvider>> lastGood = [];
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private volatile IReadOnlyList<IdentityProvider> providers = [];
    private DateTimeOffset? loadedAt;

    /// <summary>When the configured metadata were last read (null before the first read).</summary>
    public DateTimeOffset? LoadedAt => loadedAt;

    /// <summary>The providers to offer, the demo IdP first where it is enabled (its addresses follow this platform's base URL).</summary>
    public IReadOnlyList<IdentityProvider> All(string baseUrl)
        => demo.Enabled ? [demo.Describe(baseUrl), .. providers] : providers;

    public IdentityProvider? Find(string? entityId, string baseUrl) => All(baseUrl).FirstOrDefault(p => p.EntityId == entityId);

    /// <summary>Reads the metadata on first use and again when older than Identity:Saml:RefreshHours (default 24; AgID rotates IdP keys).</summary>
    public async Task EnsureLoadedAsync(CancellationToken ct)
    {
        var maxAge = TimeSpan.FromHours(double.TryParse(configuration["Identity:Saml:RefreshHours"], System.Globalization.CultureInfo.InvariantCulture, out var h) ? h : 24);
        if (loadedAt is null || time.GetUtcNow() - loadedAt > maxAge)
        {
            await RefreshAsync(ct);
        }
    }

    public async Task RefreshAsync(CancellationToken ct)
    {
        await refreshing.WaitAsync(ct);
        try
        {
            await ReadSourcesAsync(ct);
        }
        finally
        {
            refreshing.Release();
        }
    }

    private async Task ReadSourcesAsync(CancellationToken ct)
    {
        var list = new List<IdentityProvider>();
        foreach (var source in Sources())
        {
            try
            {
                var xml = source.Metadata.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || source.Metadata.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                    ? await http.CreateClient("saml-metadata").GetStringAsync(new Uri(source.Metadata), ct)
                    : await File.ReadAllTextAsync(source.Metadata, ct);
                lastGood[source.Metadata] = IdpMetadataReader.Read(xml, source.Kind, source.Name);
            }
            catch (Exception e) when (e is IOException or HttpRequestException or XmlException or FormatException or TaskCanceledException or System.Security.Cryptography.CryptographicException)
            {
                LogSourceFailed(logger, source.Metadata, e.Message);
            }

            if (lastGood.TryGetValue(source.Metadata, out var read))
            {
                list.AddRange(read.Where(p => list.All(q => q.EntityId != p.EntityId)));
            }
        }

        providers = list;
        loadedAt = time.GetUtcNow();
    }

    public void Dispose() => refreshing.Dispose();

    private IEnumerable<IdpSource> Sources()
        => configuration.GetSection("Identity:Saml:IdentityProviders").GetChildren()
            .Where(s => !string.IsNullOrWhiteSpace(s["Metadata"]))
            .Select(s => new IdpSource(s["Metadata"]!, s["Name"], s["Kind"] ?? "spid"));

    [LoggerMessage(Level = LogLevel.Warning, Message = "IdP metadata source {Source} could not be read, keeping the last good copy: {Reason}")]
    private static partial void LogSourceFailed(ILogger logger, string source, string reason);
}
