using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Modules.Identity.Data;
using PenToscana.Modules.Identity.Features.DemoIdp;
using PenToscana.Modules.Identity.Features.Saml;
using PenToscana.Modules.Identity.Features.SignIn;

namespace PenToscana.IntegrationTests.Identity;

/// <summary>An extra IdP read from a metadata file named in configuration, with a key only the test holds.</summary>
public sealed class SamlPlatformFactory : PlatformFactory
{
    public const string TestIdpEntityId = "https://idp.test.example";

    internal static readonly X509Certificate2 TestIdpKey = SigningCertificates.CreateSelfSigned("CN=Test IdP, O=Test, C=IT");

    private string metadataPath = "";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Identity:Saml:IdentityProviders:0:Metadata"] = metadataPath,
        ["Identity:Saml:IdentityProviders:0:Name"] = "IdP di prova",
    };

    protected override void Prepare(TestDatabase database)
    {
        metadataPath = Path.Combine(database.Folder, "test-idp.xml");
        File.WriteAllText(metadataPath, $"""
            <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="{TestIdpEntityId}">
              <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" WantAuthnRequestsSigned="true">
                <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{Convert.ToBase64String(TestIdpKey.RawData)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
                <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="{TestIdpEntityId}/slo"/>
                <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</md:NameIDFormat>
                <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="{TestIdpEntityId}/sso"/>
                <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="{TestIdpEntityId}/sso"/>
              </md:IDPSSODescriptor>
            </md:EntityDescriptor>
            """);
    }
}

/// <summary>The SPID sign-in through HTTP: the demo IdP path, the ACS refusals, replay, the register, logout.</summary>
public sealed class SamlSignInTests(SamlPlatformFactory platform) : IClassFixture<SamlPlatformFactory>
{
    private static string Acs(HttpClient client) => new Uri(client.BaseAddress!, "/spid/acs").ToString();

    [Fact]
    public async Task A_citizen_signs_in_through_the_demo_idp_with_real_signed_saml_and_lands_where_they_were_going()
    {
        var client = platform.CreateBrowserLikeClient();
        var response = await SamlSignIn.SignInAsync(client, Personas.CitizenMario, "/area-personale");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/area-personale");
        (await client.GetAsync("/area-personale")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        (await db.SamlMessageLogs.CountAsync(l => l.TaxCode == Personas.CitizenMario && l.Outcome == "accettata")).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task The_login_page_offers_the_spid_button_with_the_demo_idp_and_the_configured_idp()
    {
        var page = await platform.CreateClient().GetStringAsync("/accedi");
        page.ShouldContain("Entra con SPID");
        page.ShouldContain("data-idp=\"demo\"");
        page.ShouldContain("IdP di prova");
        page.ShouldNotContain("handler=Demo");
    }

    [Fact]
    public async Task The_metadata_is_signed_by_the_sp_key_it_publishes()
    {
        var response = await platform.CreateClient().GetAsync("/spid/metadata");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/samlmetadata+xml");
        var root = SamlXml.Load(await response.Content.ReadAsStringAsync()).DocumentElement!;
        var certificate = root.GetElementsByTagName("X509Certificate", SamlNames.Dsig).Cast<XmlElement>()
            .First(e => e.ParentNode!.ParentNode!.ParentNode!.LocalName == "KeyDescriptor");
        SamlXml.Verify(root, [X509CertificateLoader.LoadCertificate(Convert.FromBase64String(certificate.InnerText))]).ShouldBeTrue();
        root.GetAttribute("entityID").ShouldBe("http://localhost");
    }

    [Fact]
    public async Task A_replayed_response_is_refused_and_opens_no_session()
    {
        var client = platform.CreateBrowserLikeClient();
        var idpPage = await SamlSignIn.OpenDemoIdpAsync(client);
        var persona = SamlSignIn.FormContaining(idpPage, "data-persona");
        persona.Fields["TaxCode"] = Personas.CitizenMario;
        var answer = await (await client.PostAsync(persona.Action, new FormUrlEncodedContent(persona.Fields))).Content.ReadAsStringAsync();
        (await SamlSignIn.PostSamlFormAsync(client, answer)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var attacker = platform.CreateBrowserLikeClient();
        var replay = await SamlSignIn.PostSamlFormAsync(attacker, answer);

        replay.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await replay.Content.ReadAsStringAsync()).ShouldContain("già stata usata");
        (await attacker.GetAsync("/area-personale")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_tampered_response_is_refused_with_an_italian_page_and_opens_no_session()
    {
        var client = platform.CreateBrowserLikeClient();
        var idpPage = await SamlSignIn.OpenDemoIdpAsync(client);
        var persona = SamlSignIn.FormContaining(idpPage, "data-persona");
        persona.Fields["TaxCode"] = Personas.CitizenMario;
        var answer = await (await client.PostAsync(persona.Action, new FormUrlEncodedContent(persona.Fields))).Content.ReadAsStringAsync();
        var form = SamlSignIn.FormContaining(answer, "SAMLResponse");
        var xml = Encoding.UTF8.GetString(Convert.FromBase64String(form.Fields["SAMLResponse"]));
        form.Fields["SAMLResponse"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(xml.Replace("TINIT-" + Personas.CitizenMario, "TINIT-" + Personas.PlatformAdmin, StringComparison.Ordinal)));

        var response = await client.PostAsync(form.Action, new FormUrlEncodedContent(form.Fields));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var page = await response.Content.ReadAsStringAsync();
        page.ShouldContain("Accesso non riuscito");
        page.ShouldContain("firma");
        (response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []).ShouldNotContain(c => c.StartsWith("pentoscana.session", StringComparison.Ordinal));
        (await client.GetAsync("/area-personale")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Cancelling_at_the_idp_shows_the_spid_anomaly_25_page()
    {
        var client = platform.CreateBrowserLikeClient();
        var idpPage = await SamlSignIn.OpenDemoIdpAsync(client);
        var cancel = SamlSignIn.FormContaining(idpPage, "Annulla");
        var answer = await (await client.PostAsync(cancel.Action, new FormUrlEncodedContent(cancel.Fields))).Content.ReadAsStringAsync();

        var response = await SamlSignIn.PostSamlFormAsync(client, answer);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var page = await response.Content.ReadAsStringAsync();
        page.ShouldContain("Hai annullato il processo di autenticazione.");
        page.ShouldContain("data-spid-error>25<");
    }

    [Fact]
    public async Task An_unsolicited_or_garbage_response_is_refused_with_4xx()
    {
        var client = platform.CreateBrowserLikeClient();
        (await client.PostAsync("/spid/acs", new FormUrlEncodedContent(new Dictionary<string, string> { ["SAMLResponse"] = "bm9uIMOoIHhtbA==" }))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var dtd = Convert.ToBase64String(Encoding.UTF8.GetBytes("<!DOCTYPE x [<!ENTITY a \"b\">]><samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">&a;</samlp:Response>"));
        (await client.PostAsync("/spid/acs", new FormUrlEncodedContent(new Dictionary<string, string> { ["SAMLResponse"] = dtd }))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var unsolicited = Convert.ToBase64String(Encoding.UTF8.GetBytes("<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_x\" InResponseTo=\"_never\"/>"));
        (await client.PostAsync("/spid/acs", new FormUrlEncodedContent(new Dictionary<string, string> { ["SAMLResponse"] = unsolicited }))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync("/area-personale")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_new_person_from_a_configured_idp_is_created_from_the_spid_attributes()
    {
        var client = platform.CreateBrowserLikeClient();
        var start = await client.GetAsync("/spid/accedi?idp=" + Uri.EscapeDataString(SamlPlatformFactory.TestIdpEntityId) + "&livello=3&ReturnUrl=%2Farea-personale");
        start.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = start.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).ShouldBe(SamlPlatformFactory.TestIdpEntityId + "/sso");
        var sp = ServiceProviderSettings.From(platform.Service<Microsoft.Extensions.Configuration.IConfiguration>()) with { BaseUrl = "http://localhost", EntityId = "http://localhost" };
        var received = RedirectBinding.Read(location.Query, "SAMLRequest", [X509CertificateLoader.LoadCertificate(platform.Service<SamlContext>().Certificate.RawData)])!;
        received.SignatureValid.ShouldBeTrue();
        var request = SamlXml.Load(received.Xml).DocumentElement!;
        request.GetAttribute("ForceAuthn").ShouldBe("true");

        var newcomer = new DemoPersona("RSSMRA30A01D612M", "Lucia", "Verdi", "lucia.verdi@example.it", "", []);
        var ticket = new DemoTicket(request.GetAttribute("ID"), sp.EntityId, Acs(client), received.RelayState, 3);
        var response = DemoIdpMessages.Response(ticket, newcomer, SamlPlatformFactory.TestIdpEntityId, DateTimeOffset.UtcNow, SamlPlatformFactory.TestIdpKey);
        var html = SamlMessages.PostForm(Acs(client), "SAMLResponse", response, received.RelayState);

        var acs = await SamlSignIn.PostSamlFormAsync(client, html);

        acs.StatusCode.ShouldBe(HttpStatusCode.Redirect, await acs.Content.ReadAsStringAsync());
        await using var scope = platform.Services.CreateAsyncScope();
        var person = await scope.ServiceProvider.GetRequiredService<IdentityDb>().People.SingleAsync(p => p.TaxCode == "RSSMRA30A01D612M");
        (person.GivenName, person.FamilyName, person.Email).ShouldBe(("Lucia", "Verdi", "lucia.verdi@example.it"));
    }

    [Fact]
    public async Task A_response_signed_by_the_demo_idp_for_a_request_sent_to_another_idp_is_refused()
    {
        var client = platform.CreateBrowserLikeClient();
        var start = await client.GetAsync("/spid/accedi?idp=" + Uri.EscapeDataString(SamlPlatformFactory.TestIdpEntityId));
        var received = RedirectBinding.Read(start.Headers.Location!.Query, "SAMLRequest", [])!;
        var request = SamlXml.Load(received.Xml).DocumentElement!;
        var ticket = new DemoTicket(request.GetAttribute("ID"), "http://localhost", Acs(client), received.RelayState, 2);
        var persona = DemoPersonas.All[0];
        var response = DemoIdpMessages.Response(ticket, persona, DemoIdpDescriptor.EntityId("http://localhost"), DateTimeOffset.UtcNow, platform.Service<DemoIdpDescriptor>().Certificate);

        var acs = await SamlSignIn.PostSamlFormAsync(client, SamlMessages.PostForm(Acs(client), "SAMLResponse", response, received.RelayState));

        acs.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_saml_register_is_readable_by_platform_administrators_only()
    {
        await SamlSignIn.SignInAsync(platform.CreateBrowserLikeClient(), Personas.CitizenMario);
        var admin = await platform.SignedInClientAsync(Personas.PlatformAdmin);
        var page = await admin.GetStringAsync("/admin/identity/saml-log?Cerca=" + Personas.CitizenMario);
        page.ShouldContain("data-saml-log");
        page.ShouldContain("accettata");

        var refresh = await admin.PostFormAsync("/admin/identity/saml-log", "/admin/identity/saml-log?handler=Refresh", new Dictionary<string, string>());
        refresh.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetStringAsync("/accedi")).ShouldContain("IdP di prova");

        var citizen = await platform.SignedInClientAsync(Personas.CitizenMario);
        (await citizen.GetAsync("/admin/identity/saml-log")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Logging_out_of_an_L1_session_also_logs_out_of_the_idp_through_signed_slo()
    {
        var client = platform.CreateBrowserLikeClient();
        var idpPage = await SamlSignIn.OpenDemoIdpAsync(client, level: 1);
        var persona = SamlSignIn.FormContaining(idpPage, "data-persona");
        persona.Fields["TaxCode"] = Personas.CitizenMario;
        var answer = await (await client.PostAsync(persona.Action, new FormUrlEncodedContent(persona.Fields))).Content.ReadAsStringAsync();
        (await SamlSignIn.PostSamlFormAsync(client, answer)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var logout = await client.PostFormAsync("/esci", "/esci", new Dictionary<string, string>());
        logout.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        logout.Headers.Location!.AbsolutePath.ShouldBe("/demo-idp/slo");
        var idpAnswer = await client.GetAsync(logout.Headers.Location);
        idpAnswer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        idpAnswer.Headers.Location!.AbsolutePath.ShouldBe("/spid/slo");
        var done = await client.GetAsync(idpAnswer.Headers.Location);

        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        done.Headers.Location!.ToString().ShouldBe("/?uscito=1");
        (await client.GetAsync("/area-personale")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
