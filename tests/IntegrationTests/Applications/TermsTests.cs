using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Features.ManageApplication;

namespace PenToscana.IntegrationTests.Applications;

/// <summary>The platform on a clock the test moves: terms that run out.</summary>
public sealed class FakeClockPlatform : PlatformFactory
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public abstract class TermsTestBase(FakeClockPlatform platform)
{
    protected FakeClockPlatform Platform => platform;

    protected async Task<Guid> FileAsync(string ipa, string slug, Dictionary<string, string> data)
    {
        var citizen = await platform.SignedInClientAsync(Personas.CitizenMario);
        var response = await citizen.PostAsync("/api/v1/istanze", JsonContent.Create(new { enteIpa = ipa, serviceSlug = slug, data }));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<ApplicationBody>())!.Id;
    }

    protected sealed record ApplicationBody(Guid Id, string? ProtocolNumber, bool Overdue, int? DaysLeft);

    internal async Task<Submission> ReadAsync(Guid id)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationsDb>().Submissions.AsNoTracking().SingleAsync(s => s.Id == id);
    }

    protected async Task RunTermsJobAsync()
    {
        await using var scope = platform.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TermsJob>().RunAsync(CancellationToken.None);
    }

}

public sealed class SilentAssentTests(FakeClockPlatform platform) : TermsTestBase(platform), IClassFixture<FakeClockPlatform>
{
    [Fact]
    public async Task A_silent_assent_application_without_a_decision_is_accepted_when_its_term_ends_and_the_attestation_can_be_downloaded()
    {
        var id = await FileAsync("usl_tc", "esenzione-ticket-reddito", new() { ["codice"] = "E02 - disoccupato e familiari a carico", ["reddito"] = "8.000,00" });
        var filed = await ReadAsync(id);
        filed.ProtocolNumber.ShouldNotBeNull();
        filed.TermDeadline.ShouldBe(new DateOnly(2026, 12, 28)); // 26 December, Santo Stefano and a Saturday, then Sunday

        Platform.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 28, 20, 0, 0, TimeSpan.Zero));
        await RunTermsJobAsync();
        (await ReadAsync(id)).Status.ShouldBe(SubmissionStatus.Registered); // the last day is still within the term

        Platform.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 29, 9, 0, 0, TimeSpan.Zero));
        await RunTermsJobAsync();
        var accepted = await ReadAsync(id);
        accepted.Status.ShouldBe(SubmissionStatus.AcceptedBySilentAssent);
        accepted.DecidedAt.ShouldNotBeNull();

        var citizen = await Platform.SignedInClientAsync(Personas.CitizenMario);
        var attestation = await citizen.GetAsync($"/area-personale/istanze/{id}/attestazione.pdf");
        attestation.StatusCode.ShouldBe(HttpStatusCode.OK);
        attestation.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
    }

}

public sealed class OverdueTests(FakeClockPlatform platform) : TermsTestBase(platform), IClassFixture<FakeClockPlatform>
{
    [Fact]
    public async Task An_application_past_its_term_is_overdue_and_the_applicant_can_ask_the_delay_indemnity()
    {
        Platform.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 1, 9, 0, 0, TimeSpan.Zero));
        var id = await FileAsync("c_d612", "istanza-generica", new() { ["oggetto"] = "Segnalazione", ["testo"] = "Testo." });
        (await ReadAsync(id)).TermDeadline.ShouldBe(new DateOnly(2027, 3, 3));

        Platform.Clock.SetUtcNow(new DateTimeOffset(2027, 3, 13, 9, 0, 0, TimeSpan.Zero));
        await RunTermsJobAsync();
        (await ReadAsync(id)).Status.ShouldBe(SubmissionStatus.Registered); // no silent assent: still waiting, and late

        var citizen = await Platform.SignedInClientAsync(Personas.CitizenMario);
        var dto = await citizen.GetFromJsonAsync<ApplicationBody>($"/api/v1/istanze/{id}");
        dto!.Overdue.ShouldBeTrue();
        dto.DaysLeft.ShouldBe(-10);
        var detail = $"/area-personale/istanze/{id}";
        (await citizen.GetStringAsync(detail)).ShouldContain("Chiedi l'indennizzo");
        (await citizen.PostFormAsync(detail, detail + "?handler=Indemnity", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await citizen.GetStringAsync(detail)).ShouldContain("300,00");
        (await ReadAsync(id)).IndemnityRequestedAt.ShouldNotBeNull();
    }
}

public sealed class ApplicationStatisticsTests(FakeClockPlatform platform) : TermsTestBase(platform), IClassFixture<FakeClockPlatform>
{
    [Fact]
    public async Task The_statistics_page_counts_the_bodys_applications_and_those_past_their_term()
    {
        Platform.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 1, 9, 0, 0, TimeSpan.Zero));
        await FileAsync("c_d612", "istanza-generica", new() { ["oggetto"] = "Prima", ["testo"] = "Testo." });
        await FileAsync("c_d612", "istanza-generica", new() { ["oggetto"] = "Seconda", ["testo"] = "Testo." });
        await FileAsync("c_g999", "istanza-generica", new() { ["oggetto"] = "Di un altro ente", ["testo"] = "Testo." });
        Platform.Clock.SetUtcNow(new DateTimeOffset(2027, 3, 13, 9, 0, 0, TimeSpan.Zero));

        var firenze = await Platform.SignedInClientAsync(Personas.FirenzeOperator);
        var html = await firenze.GetStringAsync("/backoffice/c_d612/istanze/statistiche");
        html.ShouldContain("<p class=\"h2 mb-0\" id=\"stat-total\">2</p>");
        html.ShouldContain("<p class=\"h2 mb-0\" id=\"stat-overdue\">2</p>");
        html.ShouldContain("Istanza generica");
        html.ShouldContain("feb 2027 2 presentate");

        var prato = await Platform.SignedInClientAsync(Personas.PratoAdmin);
        (await prato.GetAsync("/backoffice/c_d612/istanze/statistiche")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public void The_90th_percentile_is_the_nearest_rank()
    {
        PenToscana.Modules.Applications.Areas.Applications.Pages.Backoffice.StatisticheModel.Percentile([.. Enumerable.Range(1, 10).Select(i => (double)i)], 0.9).ShouldBe(9);
        PenToscana.Modules.Applications.Areas.Applications.Pages.Backoffice.StatisticheModel.Percentile([], 0.9).ShouldBeNull();
    }
}
