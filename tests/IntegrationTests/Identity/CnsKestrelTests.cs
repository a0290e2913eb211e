using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;

namespace PenToscana.IntegrationTests.Identity;

/// <summary>The platform on a real Kestrel HTTPS listener on loopback that asks browsers for a client certificate.</summary>
public sealed class CnsKestrelPlatformFactory : PlatformFactory
{
    private const string PfxPassword = "test";

    private string rootsFile = "";
    private string serverPfx = "";
    private string serverThumbprint = "";

    public CnsKestrelPlatformFactory() => UseKestrel();

    public TestCertificates Certificates { get; } = new();

    protected override void Prepare(TestDatabase database)
    {
        rootsFile = Path.Combine(database.Folder, "cns-roots.pem");
        File.WriteAllText(rootsFile, Certificates.Authority.ExportCertificatePem());
        serverPfx = Path.Combine(database.Folder, "server.pfx");
        var pfx = TestCertificates.LoopbackServerPfx(PfxPassword);
        File.WriteAllBytes(serverPfx, pfx);
        using var server = X509CertificateLoader.LoadPkcs12(pfx, PfxPassword);
        serverThumbprint = server.Thumbprint;
    }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Identity:Cns:TrustedRootsFile"] = rootsFile,
        ["Identity:Cns:RevocationMode"] = "NoCheck",
        ["Identity:Cns:KestrelClientCertificates"] = "allow",
        ["Kestrel:Endpoints:Cns:Url"] = "https://127.0.0.1:0",
        ["Kestrel:Endpoints:Cns:Certificate:Path"] = serverPfx,
        ["Kestrel:Endpoints:Cns:Certificate:Password"] = PfxPassword,
    };

    public Uri HttpsAddress()
        => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)));

    /// <summary>A browser with the card in the reader: it offers this certificate when the server asks.</summary>
    public HttpClient BrowserWith(X509Certificate2? certificate)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, server, _, _) => server is not null && server.GetCertHashString() == serverThumbprint;
        if (certificate is not null)
        {
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
        }

        return new HttpClient(handler) { BaseAddress = HttpsAddress() };
    }
}

public sealed class CnsKestrelTests(CnsKestrelPlatformFactory platform) : IClassFixture<CnsKestrelPlatformFactory>
{
    [Fact]
    public async Task A_cns_certificate_presented_in_the_tls_handshake_signs_in_on_kestrel()
    {
        using var browser = platform.BrowserWith(platform.Certificates.Cns(Personas.CitizenMario, "MARIO", "ROSSI"));

        var response = await browser.GetAsync("/accedi/cns?ReturnUrl=/area-personale");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetStringAsync("/area-personale")).ShouldContain(Personas.CitizenMario);
    }

    [Fact]
    public async Task An_untrusted_certificate_in_the_tls_handshake_is_refused()
    {
        using var browser = platform.BrowserWith(TestCertificates.SelfSigned(Personas.CitizenMario));

        (await browser.GetAsync("/accedi/cns")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await browser.GetAsync("/area-personale")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
