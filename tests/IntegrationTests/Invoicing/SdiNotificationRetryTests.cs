using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Modules.Invoicing.Data;
using PenToscana.Modules.Invoicing.Features.SdiSimulator;

namespace PenToscana.IntegrationTests.Invoicing;

/// <summary>
/// The platform whose SDICoop services can be switched off: while one is down it answers 500 with a text body, as a
/// server behind a failing proxy does, so the simulator's notifications to it do not arrive.
/// </summary>
public sealed class FlakySdiPlatform : SdiPlatform
{
    private volatile bool _transmitterDown;
    private volatile bool _recipientDown;
    private int _refused;

    public bool TransmitterDown { get => _transmitterDown; set => _transmitterDown = value; }

    public bool RecipientDown { get => _recipientDown; set => _recipientDown = value; }

    /// <summary>Requests refused while a service was down.</summary>
    public int Refused => Volatile.Read(ref _refused);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new DownFilter(this)));
    }

    private sealed class DownFilter(FlakySdiPlatform platform) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, following) =>
            {
                var path = context.Request.Path;
                if ((platform.TransmitterDown && path.StartsWithSegments("/sdi/TrasmissioneFatture"))
                    || (platform.RecipientDown && path.StartsWithSegments("/sdi/RicezioneFatture")))
                {
                    Interlocked.Increment(ref platform._refused);
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    await context.Response.WriteAsync("Servizio temporaneamente non disponibile");
                    return;
                }

                await following(context);
            });
            next(app);
        };
    }
}

/// <summary>
/// The simulator's notifications are durable: one that does not arrive is sent again with growing pauses on the
/// simulator's clock, shown to the administrator with its attempts, and applied once by the receiving side.
/// </summary>
public sealed class SdiNotificationRetryTests(FlakySdiPlatform platform) : IClassFixture<FlakySdiPlatform>
{
    private const string Issue = "/api/invoicing/c_d612/fatture-emesse";
    private const string TrasmissioneTypes = "http://www.fatturapa.gov.it/sdi/ws/trasmissione/v1.0/types";
    private const string RicezioneTypes = "http://www.fatturapa.gov.it/sdi/ws/ricezione/v1.0/types";

    private async Task<Guid> IssueToRegionAsync(string description)
    {
        using var firenze = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var response = await firenze.PostAsJsonAsync(Issue, new { codiceUfficio = "UFRTOS", descrizione = description, imponibile = 500.00m, aliquotaIva = 22m, cig = "ZAB1234567" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<T> WaitAsync<T>(Func<InvoicingDb, Task<T?>> read, string what)
    {
        for (int i = 0; i < 200; i++)
        {
            await using var scope = platform.Services.CreateAsyncScope();
            if (await read(scope.ServiceProvider.GetRequiredService<InvoicingDb>()) is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{what}: {await platform.OutboxErrorsAsync()}");
    }

    private async Task<T> ReadAsync<T>(Func<InvoicingDb, Task<T>> read)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<InvoicingDb>());
    }

    private async Task AdvanceAsync(HttpClient admin, int hours)
        => (await admin.PostAsJsonAsync("/api/v1/admin/sdi-simulator/clock", new { hours })).EnsureSuccessStatusCode();

    [Fact]
    public async Task An_RC_refused_by_the_transmitters_endpoint_is_retried_with_back_off_until_it_arrives_and_is_applied_once()
    {
        platform.TransmitterDown = true;
        var id = await IssueToRegionAsync("Manutenzione impianti, trasmittente irraggiungibile");
        var sdiId = await WaitAsync(db => db.IssuedInvoices.AsNoTracking().Where(i => i.Id == id && i.IdentificativoSdI != null).Select(i => i.IdentificativoSdI).SingleOrDefaultAsync(), "not sent to SdI");
        long sdi = long.Parse(sdiId!);
        var rc = await WaitAsync(db => db.SdiSimMessages.AsNoTracking().SingleOrDefaultAsync(m => m.IdentificativoSdI == sdi && m.Kind == "RC" && m.Attempts > 0), "no RC attempt");

        rc.Delivered.ShouldBeFalse();
        rc.Attempts.ShouldBe(1);
        rc.LastError!.ShouldContain("500");
        rc.NextAttemptAt.ShouldNotBeNull();
        (await ReadAsync(db => db.IssuedInvoices.AsNoTracking().SingleAsync(i => i.Id == id))).Status.ShouldBe(IssuedInvoiceStatus.Inviata);

        // The administrator sees the pending notification with its attempts, its last error and its next try.
        using var admin = await platform.SignedInClientAsync(Personas.PlatformAdmin);
        var page = await admin.GetStringAsync("/admin/sdi-simulatore");
        page.ShouldContain("id=\"notifiche-in-attesa\"");
        page.ShouldContain(rc.NomeFile);
        page.ShouldContain("risposta 500");

        // Not due yet: the job leaves it alone.
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SdiSimulatorNotificationJob>().RunAsync(CancellationToken.None);
        }

        (await ReadAsync(db => db.SdiSimMessages.AsNoTracking().SingleAsync(m => m.Id == rc.Id))).Attempts.ShouldBe(1);

        // Due on the simulator's clock but the endpoint is still down: a second failure, a longer pause.
        await AdvanceAsync(admin, 1);
        var second = await ReadAsync(db => db.SdiSimMessages.AsNoTracking().SingleAsync(m => m.Id == rc.Id));
        second.Attempts.ShouldBe(2);
        second.Delivered.ShouldBeFalse();
        (second.NextAttemptAt!.Value - second.At).ShouldBeGreaterThan(rc.NextAttemptAt!.Value - rc.At);

        // The endpoint recovers: the next due attempt delivers it, and the issuer's invoice moves on.
        platform.TransmitterDown = false;
        await AdvanceAsync(admin, 1);
        var delivered = await ReadAsync(db => db.SdiSimMessages.AsNoTracking().SingleAsync(m => m.Id == rc.Id));
        delivered.Delivered.ShouldBeTrue();
        delivered.Attempts.ShouldBe(3);
        delivered.NextAttemptAt.ShouldBeNull();
        (await ReadAsync(db => db.IssuedInvoices.AsNoTracking().SingleAsync(i => i.Id == id))).Status.ShouldBe(IssuedInvoiceStatus.Consegnata);

        // The same RC delivered once more (an answer lost on the way) is acknowledged and not applied twice.
        var bytes = await platform.BlobAsync(rc.Sha256);
        await platform.SoapAsync("/sdi/TrasmissioneFatture", "ricevutaConsegna", TrasmissioneTypes,
            ("IdentificativoSdI", sdiId!), ("NomeFile", rc.NomeFile), ("File", Convert.ToBase64String(bytes)));
        var timeline = await ReadAsync(db => db.ExchangeEvents.AsNoTracking().Where(e => e.InvoiceId == id).OrderBy(e => e.At).Select(e => e.Kind).ToListAsync());
        timeline.Count(k => k == "RC").ShouldBe(1);
    }

    [Fact]
    public async Task A_DT_refused_by_the_recipients_endpoint_waits_and_arrives_once_when_the_administrator_retries()
    {
        var id = await IssueToRegionAsync("Fornitura di arredi, destinatario irraggiungibile alla decorrenza");
        var sdiId = await WaitAsync(db => db.IssuedInvoices.AsNoTracking().Where(i => i.Id == id && i.Status == IssuedInvoiceStatus.Consegnata).Select(i => i.IdentificativoSdI).SingleOrDefaultAsync(), "not delivered");
        long sdi = long.Parse(sdiId!);
        var receivedId = await OutcomeTransmissionTests.ReceivedIdAsync(platform, sdi);

        platform.RecipientDown = true;
        int refusedBefore = platform.Refused;
        using var admin = await platform.SignedInClientAsync(Personas.PlatformAdmin);
        await AdvanceAsync(admin, 16 * 24);

        // The transmitter got its DT; the recipient's did not arrive and waits.
        (await ReadAsync(db => db.IssuedInvoices.AsNoTracking().SingleAsync(i => i.Id == id))).Status.ShouldBe(IssuedInvoiceStatus.DecorrenzaTermini);
        var dt = await ReadAsync(db => db.SdiSimMessages.AsNoTracking().SingleAsync(m => m.IdentificativoSdI == sdi && m.Kind == "DT" && m.Party == "Destinatario"));
        dt.Delivered.ShouldBeFalse();
        dt.Attempts.ShouldBe(1);
        platform.Refused.ShouldBeGreaterThan(refusedBefore);
        (await ReadAsync(db => db.ReceivedInvoices.AsNoTracking().SingleAsync(i => i.Id == receivedId))).Status.ShouldBe(ReceivedInvoiceStatus.Received);

        // Recovered: "Ritenta ora" on the administrator's page sends it without waiting for the pause.
        platform.RecipientDown = false;
        var retry = await admin.PostFormAsync("/admin/sdi-simulatore", "/admin/sdi-simulatore?handler=Ritenta", new Dictionary<string, string>());
        retry.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var arrived = await ReadAsync(db => db.SdiSimMessages.AsNoTracking().SingleAsync(m => m.Id == dt.Id));
        arrived.Delivered.ShouldBeTrue();
        arrived.Attempts.ShouldBe(2);
        (await ReadAsync(db => db.ReceivedInvoices.AsNoTracking().SingleAsync(i => i.Id == receivedId))).Status.ShouldBe(ReceivedInvoiceStatus.Expired);
        (await admin.GetStringAsync("/admin/sdi-simulatore")).ShouldContain("id=\"nessuna-in-attesa\"");

        // Delivered a second time, the DT is acknowledged and recorded once.
        var bytes = await platform.BlobAsync(dt.Sha256);
        await platform.SoapAsync("/sdi/RicezioneFatture", "notificaDecorrenzaTermini", RicezioneTypes,
            ("IdentificativoSdI", sdiId!), ("NomeFile", dt.NomeFile), ("File", Convert.ToBase64String(bytes)));
        (await ReadAsync(db => db.ExchangeEvents.AsNoTracking().CountAsync(e => e.InvoiceId == receivedId && e.Kind == "DT"))).ShouldBe(1);
    }

    [Fact]
    public void The_pause_between_attempts_doubles_from_the_first_and_stops_at_six_hours()
    {
        var first = TimeSpan.FromMinutes(2);
        SdiSimulator.RetryDelay(1, first).ShouldBe(TimeSpan.FromMinutes(2));
        SdiSimulator.RetryDelay(2, first).ShouldBe(TimeSpan.FromMinutes(4));
        SdiSimulator.RetryDelay(5, first).ShouldBe(TimeSpan.FromMinutes(32));
        SdiSimulator.RetryDelay(11, first).ShouldBe(TimeSpan.FromHours(6));
    }
}
