using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using PenToscana.Contracts.Protocol;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Jobs;
using PenToscana.Modules.Protocol.Data;

namespace PenToscana.IntegrationTests.Protocol;

/// <summary>The platform on a clock the test moves; the job runner is off so only the test runs jobs.</summary>
public sealed class ClockedPlatformFactory : PlatformFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}

public sealed class DailyRegisterTests(ClockedPlatformFactory platform) : IClassFixture<ClockedPlatformFactory>
{
    [Fact]
    public async Task After_three_days_of_downtime_the_job_produces_each_missing_day_once_with_its_entries_and_fingerprints()
    {
        var day = platform.Clock.GetUtcNow().ItalianDate();
        var registrations = new List<ProtocolRegistration>();
        for (int i = 0; i < 3; i++)
        {
            registrations.Add(await RegisterAsync($"daily:{i}"));
        }

        platform.Clock.Advance(TimeSpan.FromDays(3));
        await RunJobAsync();
        await RunJobAsync();

        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtocolDb>();
        var dailies = await db.DailyRegisters.Where(d => d.EnteIpa == "c_g999").OrderBy(d => d.Day).ToListAsync();
        dailies.Select(d => d.Day).ShouldBe([day, day.AddDays(1), day.AddDays(2)]);
        // The demo seed registered a few entries of the same body that day too.
        int sameDay = await db.Entries.CountAsync(e => e.EnteIpa == "c_g999");
        dailies[0].EntryCount.ShouldBe(sameDay);
        dailies[0].FirstNumber.ShouldBe(1);
        dailies[0].LastNumber.ShouldBe(registrations.Max(r => r.Number));
        dailies[1].EntryCount.ShouldBe(0);

        var blobs = platform.Service<IBlobStore>();
        (await blobs.VerifyAsync(dailies[0].PdfSha256)).IsIntact.ShouldBeTrue();
        await using var csv = await blobs.OpenReadAsync(dailies[0].CsvSha256);
        var lines = (await new StreamReader(csv).ReadToEndAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(sameDay + 1);
        lines.ShouldContain(l => l.Contains("Verbale di sopralluogo daily:0"));
        await using var xml = await blobs.OpenReadAsync(dailies[0].XmlSha256);
        (await new StreamReader(xml).ReadToEndAsync()).ShouldContain($"numeroRegistrazioni=\"{sameDay}\"");

        var events = await db.Outbox.Where(m => m.Type == typeof(DailyRegisterProduced).FullName).ToListAsync();
        events.Count(e => e.EnteId == dailies[0].EnteId).ShouldBe(3);
    }

    private async Task RunJobAsync()
    {
        var runner = platform.Service<JobRunner>();
        await runner.EnsureRegisteredAsync(CancellationToken.None);
        (await runner.TryRunAsync(runner.Registrations.Single(r => r.Name == "protocol-daily-register"), force: true, CancellationToken.None)).ShouldBeTrue();
        await using var scope = platform.Services.CreateAsyncScope();
        var job = await scope.ServiceProvider.GetRequiredService<PenToscana.Kernel.Data.KernelDb>().ScheduledJobs.AsNoTracking().SingleAsync(j => j.Name == "protocol-daily-register");
        job.LastError.ShouldBeNull();
    }

    private async Task<ProtocolRegistration> RegisterAsync(string key)
    {
        var blob = await platform.Service<IBlobStore>().PutAsync(new MemoryStream(Encoding.UTF8.GetBytes("%PDF-1.4 " + key)));
        await using var scope = platform.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<IProtocolApi>().RegisterAsync(new ProtocolRequest(
            "c_g999", ProtocolDirection.Internal, "Verbale di sopralluogo " + key, [],
            new ProtocolDocument("verbale.pdf", "application/pdf", blob.Sha256, blob.Length), ProtocolChannels.Paper, key));
        outcome.Succeeded.ShouldBeTrue(outcome.ErrorMessage);
        return outcome.Registration!;
    }
}
