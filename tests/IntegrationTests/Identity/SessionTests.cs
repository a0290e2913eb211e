using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Modules.Identity.Data;

namespace PenToscana.IntegrationTests.Identity;

public sealed class SessionTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private async Task<List<string>> SessionIdsAsync(string taxCode)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdentityDb>().Sessions.Where(s => s.TaxCode == taxCode).Select(s => s.Id).ToListAsync();
    }

    private async Task<(HttpClient Client, string SessionId)> SignInAsync(string taxCode)
    {
        var before = await SessionIdsAsync(taxCode);
        var client = await platform.SignedInClientAsync(taxCode);
        var id = (await SessionIdsAsync(taxCode)).Except(before).Single();
        return (client, id);
    }

    private async Task UpdateSessionAsync(string id, Action<UserSession> change)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        change(await db.Sessions.SingleAsync(s => s.Id == id));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_user_sees_their_sessions_and_ending_one_says_so_once_and_makes_its_cookie_stop_working()
    {
        var (laptop, laptopSession) = await SignInAsync(Personas.CitizenMario);
        var (phone, _) = await SignInAsync(Personas.CitizenMario);

        var list = await phone.GetStringAsync("/area-personale/sessioni");
        list.ShouldContain(laptopSession);
        list.ShouldContain("questa sessione");
        (await laptop.GetAsync("/area-personale")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var ended = await phone.PostFormAsync("/area-personale/sessioni", "/area-personale/sessioni?handler=End", new Dictionary<string, string> { ["id"] = laptopSession });

        ended.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await phone.GetStringAsync(ended.Headers.Location!.ToString());
        System.Text.RegularExpressions.Regex.Count(after, @"Sessione chiusa\.").ShouldBe(1, "the page shows its message; the layout must not repeat it");
        var refused = await laptop.GetAsync("/area-personale");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.ToString().ShouldContain("/accedi");
        (await phone.GetAsync("/area-personale")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SessionIdsAsync(Personas.CitizenMario)).ShouldNotContain(laptopSession);
    }

    [Fact]
    public async Task A_user_cannot_end_someone_elses_session()
    {
        var (_, annaSession) = await SignInAsync(Personas.FirenzeAdmin);
        var (marco, _) = await SignInAsync(Personas.FirenzeOperator);

        var response = await marco.PostFormAsync("/area-personale/sessioni", "/area-personale/sessioni?handler=End", new Dictionary<string, string> { ["id"] = annaSession });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await SessionIdsAsync(Personas.FirenzeAdmin)).ShouldContain(annaSession);
    }

    [Fact]
    public async Task A_session_idle_for_longer_than_the_idle_timeout_ends()
    {
        var (client, id) = await SignInAsync(Personas.PratoAdmin);
        await UpdateSessionAsync(id, s => s.LastSeenAt = DateTimeOffset.UtcNow.AddMinutes(-31));

        (await client.GetAsync("/area-personale")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await SessionIdsAsync(Personas.PratoAdmin)).ShouldNotContain(id);
    }

    [Fact]
    public async Task A_session_past_the_absolute_timeout_ends_even_when_active()
    {
        var (client, id) = await SignInAsync(Personas.PlatformAdmin);
        await UpdateSessionAsync(id, s => s.AbsoluteExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1));

        (await client.GetAsync("/area-personale")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Signing_out_removes_the_server_side_session()
    {
        var (client, id) = await SignInAsync("CLMFNC81S50D612T");

        var response = await client.PostFormAsync("/area-personale", "/esci", new Dictionary<string, string>());

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await SessionIdsAsync("CLMFNC81S50D612T")).ShouldNotContain(id);
    }
}
