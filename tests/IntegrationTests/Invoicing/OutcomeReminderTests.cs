using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Contracts.Protocol;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Time.Testing;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Modules.Invoicing.Data;
using PenToscana.Modules.Invoicing.Features.ReceiveInvoice;
using PenToscana.Modules.Invoicing.Features.RemindOutcome;

namespace PenToscana.IntegrationTests.Invoicing;

/// <summary>
/// The platform on a clock the test moves, with the background job loop off: the test runs the job itself, so each run
/// happens exactly when the test says.
/// </summary>
public sealed class ReminderClockPlatform : PlatformFactory
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>Reminders to the billing office at day 10 and day 13 after delivery.</summary>
public sealed class OutcomeReminderTests(ReminderClockPlatform platform) : IClassFixture<ReminderClockPlatform>
{
    private async Task<Guid> ReceiveAsync(string sdiId, string numero)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        var (response, failure) = await scope.ServiceProvider.GetRequiredService<ReceiveInvoiceHandler>().HandleAsync(
            new ReceiveInvoiceRequest(sdiId, $"IT01234567897_{sdiId[^5..]}.xml", InvoiceBackOfficeTests.Sample("UFRTOS", numero: numero), ProtocolChannels.Sdi),
            CancellationToken.None);
        failure.ShouldBeNull();
        return response!.InvoiceIds[0];
    }

    private async Task RunJobAsync()
    {
        await using var scope = platform.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RemindOutcomeJob>().RunAsync(CancellationToken.None);
    }

    /// <summary>Reminder mails written to the module's outbox for this invoice (the mail text carries the invoice id).</summary>
    private async Task<List<string>> RemindersOfAsync(Guid id)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InvoicingDb>().Outbox.AsNoTracking()
            .Where(m => m.Type.Contains("SendMail") && m.Payload.Contains(id.ToString()))
            .OrderBy(m => m.CreatedAt).Select(m => m.Payload).ToListAsync();
    }

    private async Task<ReceivedInvoice> ReadAsync(Guid id)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InvoicingDb>().ReceivedInvoices.AsNoTracking().SingleAsync(i => i.Id == id);
    }

    [Fact]
    public async Task The_office_is_reminded_once_at_day_10_and_once_at_day_13_and_not_after_an_outcome()
    {
        var waiting = await ReceiveAsync("400000001", "PR-10");
        var decided = await ReceiveAsync("400000002", "PR-OK");
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InvoicingDb>();
            var invoice = await db.ReceivedInvoices.SingleAsync(i => i.Id == decided);
            invoice.Status = ReceivedInvoiceStatus.Accepted;
            await db.SaveChangesAsync();
        }

        platform.Clock.Advance(TimeSpan.FromDays(9));
        await RunJobAsync();
        (await RemindersOfAsync(waiting)).ShouldBeEmpty();

        platform.Clock.Advance(TimeSpan.FromDays(1));
        await RunJobAsync();
        await RunJobAsync();
        var first = await RemindersOfAsync(waiting);
        first.Count.ShouldBe(1);
        first[0].ShouldContain("Promemoria: fattura n. PR-10 di ALPHA SRL in attesa di esito");
        first[0].ShouldContain("restano 5 giorni");
        (await ReadAsync(waiting)).FirstReminderAt.ShouldNotBeNull();

        platform.Clock.Advance(TimeSpan.FromDays(2));
        await RunJobAsync();
        (await RemindersOfAsync(waiting)).Count.ShouldBe(1);

        platform.Clock.Advance(TimeSpan.FromDays(1));
        await RunJobAsync();
        await RunJobAsync();
        var both = await RemindersOfAsync(waiting);
        both.Count.ShouldBe(2);
        both[1].ShouldContain("Urgente: fattura n. PR-10");
        both[1].ShouldContain("restano 2 giorni");
        (await ReadAsync(waiting)).SecondReminderAt.ShouldNotBeNull();

        platform.Clock.Advance(TimeSpan.FromDays(5));
        await RunJobAsync();
        (await RemindersOfAsync(waiting)).Count.ShouldBe(2);
        (await RemindersOfAsync(decided)).ShouldBeEmpty();
    }
}
