using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Data;
using PenToscana.Modules.Identity.Data;
using PenToscana.Modules.Identity.Features.RegisterClient;

namespace PenToscana.IntegrationTests.Identity.Oidc;

/// <summary>The OpenID Connect provider end to end: a real OIDC client, the machine API with client credentials, body isolation.</summary>
public sealed class OidcProviderTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private async Task<RegisteredClient> RegisterWebClientAsync(string minimumLevel, string ipa = "c_d612")
    {
        await using var scope = platform.Services.CreateAsyncScope();
        var ente = await scope.ServiceProvider.GetRequiredService<KernelDb>().Enti.AsNoTracking().SingleAsync(e => e.IpaCode == ipa);
        var registrations = scope.ServiceProvider.GetRequiredService<ClientRegistrations>();
        var result = await registrations.RegisterAsync(new ClientRegistration(ente.Id, ipa, "Servizio di prova", OidcClientKind.WebApplication,
            [OidcTestClient.RedirectUri], [OidcTestClient.BaseUrl + "/"], ["openid", "profile", "email", "fiscal_number"], minimumLevel), "test", CancellationToken.None);
        return result.Value;
    }

    private async Task<HttpResponseMessage> RequestTokenAsync(string clientId, string secret, string scope = "api.backoffice")
    {
        using var http = platform.CreateClient();
        return await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = scope,
        }));
    }

    private async Task<HttpClient> ApiClientAsync(string clientId, string secret = "demo-secret")
    {
        var response = await RequestTokenAsync(clientId, secret);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        var http = platform.CreateClient(new() { AllowAutoRedirect = false });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private async Task<Guid> AnOfficeOfAsync(string ipa)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KernelDb>();
        var ente = await db.Enti.AsNoTracking().SingleAsync(e => e.IpaCode == ipa);
        return await db.Offices.AsNoTracking().Where(o => o.EnteId == ente.Id).Select(o => o.Id).FirstAsync();
    }

    [Fact]
    public async Task The_discovery_document_announces_code_flow_with_pkce_client_credentials_and_the_spid_claims()
    {
        using var http = platform.CreateClient();
        var discovery = await http.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        discovery.GetProperty("authorization_endpoint").GetString().ShouldBe("http://localhost/connect/authorize");
        discovery.GetProperty("token_endpoint").GetString().ShouldBe("http://localhost/connect/token");
        discovery.GetProperty("userinfo_endpoint").GetString().ShouldBe("http://localhost/connect/userinfo");
        discovery.GetProperty("end_session_endpoint").GetString().ShouldBe("http://localhost/connect/endsession");
        var text = discovery.ToString();
        text.ShouldContain("S256");
        text.ShouldContain("client_credentials");
        text.ShouldContain("fiscal_number");
        text.ShouldContain("api.backoffice");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_client_credentials_scheme_on_the_back_office_api()
    {
        using var http = platform.CreateClient();
        var document = await http.GetStringAsync("/openapi/v1.json");
        document.ShouldContain("\"clientCredentials\"");
        document.ShouldContain("/connect/token");
        document.ShouldContain("api.backoffice");
    }

    [Fact]
    public async Task A_real_openid_connect_client_signs_a_citizen_in_with_code_and_pkce_and_receives_codice_fiscale_names_email_and_spid_level()
    {
        var registered = await RegisterWebClientAsync("SpidL2");
        await using var service = await OidcTestClient.StartAsync(platform.Server.CreateHandler(), registered.ClientId, registered.ClientSecret!);
        var citizen = await platform.SignedInClientAsync(Personas.CitizenMario);

        var (authorization, claims) = await service.SignInAsync(citizen);

        authorization.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        claims.ShouldNotBeNull();
        claims["sub"].ShouldBe(Personas.CitizenMario);
        claims["fiscal_number"].ShouldBe(Personas.CitizenMario);
        claims["given_name"].ShouldBe("Mario");
        claims["family_name"].ShouldBe("Rossi");
        claims["name"].ShouldBe("Mario Rossi");
        claims["email"].ShouldBe("mario.rossi@example.it");
        claims["acr"].ShouldBe("https://www.spid.gov.it/SpidL2");
        claims.ShouldNotContainKey("on_behalf_of");
    }

    [Fact]
    public async Task A_person_without_a_platform_session_is_sent_to_the_login_page_and_back_to_the_authorization()
    {
        var registered = await RegisterWebClientAsync("SpidL1");
        await using var service = await OidcTestClient.StartAsync(platform.Server.CreateHandler(), registered.ClientId, registered.ClientSecret!);
        var anonymous = platform.CreateBrowserLikeClient();

        var (authorization, claims) = await service.SignInAsync(anonymous);

        claims.ShouldBeNull();
        authorization.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var login = authorization.Headers.Location!.ToString();
        login.ShouldStartWith("http://localhost/accedi");
        Uri.UnescapeDataString(login).ShouldContain("ReturnUrl=/connect/authorize?");
    }

    [Fact]
    public async Task A_service_requiring_spid_level_3_refuses_a_level_2_session_with_an_italian_page()
    {
        var registered = await RegisterWebClientAsync("SpidL3");
        await using var service = await OidcTestClient.StartAsync(platform.Server.CreateHandler(), registered.ClientId, registered.ClientSecret!);
        var citizen = await platform.SignedInClientAsync(Personas.CitizenMario);

        var (authorization, claims) = await service.SignInAsync(citizen);

        claims.ShouldBeNull();
        authorization.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await citizen.GetAsync(authorization.Headers.Location);
        page.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("Livello di accesso insufficiente");
        html.ShouldContain("SPID livello 3");
    }

    [Fact]
    public async Task A_client_credentials_token_of_a_body_lists_only_that_bodys_offices()
    {
        using var prato = await ApiClientAsync("demo-c_g999");
        var offices = await prato.GetStringAsync("/api/v1/backoffice/offices");
        offices.ShouldContain("c_g999");
        offices.ShouldNotContain("c_d612");
        offices.ShouldNotContain("r_toscan");
        offices.ShouldNotContain("usl_tc");
    }

    [Fact]
    public async Task A_token_of_one_body_gets_404_for_an_office_of_another_body_and_200_for_its_own()
    {
        using var prato = await ApiClientAsync("demo-c_g999");
        (await prato.GetAsync($"/api/v1/backoffice/offices/{await AnOfficeOfAsync("c_d612")}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await prato.GetAsync($"/api/v1/backoffice/offices/{await AnOfficeOfAsync("c_g999")}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_wrong_client_secret_gets_an_oauth_invalid_client_error()
    {
        var response = await RequestTokenAsync("demo-c_d612", "not-the-secret");
        ((int)response.StatusCode).ShouldBeOneOf(400, 401);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().ShouldBe("invalid_client");
    }

    [Fact]
    public async Task A_scope_the_client_does_not_hold_is_refused()
    {
        var response = await RequestTokenAsync("demo-c_d612", "demo-secret", "api.backoffice profile");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().ShouldBeOneOf("invalid_scope", "invalid_request");
    }

    [Fact]
    public async Task The_api_without_a_token_answers_401_and_a_bearer_token_does_not_open_back_office_pages()
    {
        using var anonymous = platform.CreateClient(new() { AllowAutoRedirect = false });
        (await anonymous.GetAsync("/api/v1/backoffice/offices")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var firenze = await ApiClientAsync("demo-c_d612");
        var page = await firenze.GetAsync("/admin");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/accedi");
    }

    [Fact]
    public async Task Disabling_a_client_revokes_its_tokens_at_once()
    {
        using var usl = await ApiClientAsync("demo-usl_tc");
        (await usl.GetAsync("/api/v1/backoffice/offices")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var registrations = scope.ServiceProvider.GetRequiredService<ClientRegistrations>();
            var client = await scope.ServiceProvider.GetRequiredService<IdentityDb>().OidcClients.SingleAsync(c => c.ClientId == "demo-usl_tc");
            await registrations.SetEnabledAsync(client, false, "test", CancellationToken.None);
        }

        (await usl.GetAsync("/api/v1/backoffice/offices")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await RequestTokenAsync("demo-usl_tc", "demo-secret")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }
}
