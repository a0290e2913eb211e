using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Data;

namespace PenToscana.IntegrationTests.Identity.Oidc;

/// <summary>The body administrators' page that registers services with the OIDC provider.</summary>
public sealed partial class ClientRegistrationPageTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private const string Page = "/admin/identity/clients";

    private async Task<Guid> EnteIdAsync(string ipa)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KernelDb>().Enti.AsNoTracking().Where(e => e.IpaCode == ipa).Select(e => e.Id).SingleAsync();
    }

    private async Task<HttpResponseMessage> RegisterAsync(HttpClient admin, string ipa, string redirect, string kind = "WebApplication")
        => await admin.PostFormAsync(Page, Page + "?handler=Create", new Dictionary<string, string>
        {
            ["Input.EnteId"] = (await EnteIdAsync(ipa)).ToString(),
            ["Input.DisplayName"] = "Prenotazioni mensa",
            ["Input.Kind"] = kind,
            ["Input.RedirectUris"] = redirect,
            ["Input.PersonScopes"] = "profile",
            ["Input.ApiScopes"] = "api.backoffice",
            ["Input.MinimumSpidLevel"] = "SpidL2",
        });

    [Fact]
    public async Task A_body_administrator_sees_only_the_clients_of_their_body()
    {
        var firenze = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        var html = await firenze.GetStringAsync(Page);
        html.ShouldContain("demo-c_d612");
        html.ShouldNotContain("demo-c_g999");
        html.ShouldNotContain("demo-r_toscan");
    }

    [Fact]
    public async Task The_registration_page_explains_bad_redirect_uris_in_italian()
    {
        var firenze = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        var response = await RegisterAsync(firenze, "c_d612", "http://servizio.example.it/signin-oidc\nhttps://servizio.example.it/cb#frammento\nnon-un-indirizzo");
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("deve usare HTTPS");
        html.ShouldContain("non può contenere un frammento");
        html.ShouldContain("deve essere un indirizzo completo");
        html.ShouldNotContain("data-client-secret");
    }

    [Fact]
    public async Task Registering_a_web_service_shows_its_secret_once_and_writes_the_audit_log()
    {
        var firenze = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        var response = await RegisterAsync(firenze, "c_d612", "https://mensa.comune.fi.it/signin-oidc");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        var clientId = ClientIdPattern().Match(html).Groups[1].Value;
        clientId.ShouldStartWith("c_d612-");
        html.ShouldContain("data-client-secret");

        var list = await firenze.GetStringAsync(Page);
        list.ShouldContain(clientId);
        list.ShouldNotContain("data-client-secret");

        await using var scope = platform.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<KernelDb>().AuditEntries.AsNoTracking()
            .AnyAsync(a => a.Action == "identity.oidc-client.register" && a.Subject == clientId && a.Actor == Personas.FirenzeAdmin)).ShouldBeTrue();
    }

    [Fact]
    public async Task An_administrator_cannot_register_for_or_change_the_clients_of_another_body()
    {
        var prato = await platform.SignedInClientAsync(Personas.PratoAdmin);
        (await RegisterAsync(prato, "c_d612", "https://mensa.comune.fi.it/signin-oidc")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await prato.PostFormAsync(Page, Page + "?handler=Disable", new Dictionary<string, string> { ["clientId"] = "demo-c_d612" })).StatusCode
            .ShouldBe(HttpStatusCode.NotFound);
        (await prato.PostFormAsync(Page, Page + "?handler=Delete", new Dictionary<string, string> { ["clientId"] = "demo-c_d612" })).StatusCode
            .ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_operator_who_is_not_a_body_administrator_cannot_open_the_page()
    {
        var operatorClient = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var response = await operatorClient.GetAsync(Page);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/accesso-negato");
    }

    [GeneratedRegex("data-client-id>([^<]+)<")]
    private static partial Regex ClientIdPattern();
}
