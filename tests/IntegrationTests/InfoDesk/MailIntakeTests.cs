using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Jobs;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;
using PenToscana.Modules.InfoDesk.Features.MailIntake;

namespace PenToscana.IntegrationTests.InfoDesk;

/// <summary>E-mail intake from a body's mailbox folder: one report per message, however often the job runs; bad files kept with a reason.</summary>
public sealed class MailIntakeTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private string Inbox => Path.Combine(MailIntakeJob.RootFolder(platform.Service<IConfiguration>()), "c_d612");

    private async Task RunJobAsync()
    {
        var runner = platform.Service<JobRunner>();
        var registration = runner.Registrations.Single(r => r.Name == MailIntakeJob.JobName);
        for (int i = 0; i < 100 && !await runner.TryRunAsync(registration, force: true, CancellationToken.None); i++)
        {
            await Task.Delay(100); // the scheduler is running it right now
        }

        await using var scope = platform.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<KernelDb>().ScheduledJobs.AsNoTracking().SingleAsync(j => j.Name == MailIntakeJob.JobName);
        row.LastError.ShouldBeNull();
    }

    private async Task<List<Report>> MailReportsAsync(string sender)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InfoDeskDb>().Reports.IgnoreQueryFilters().AsNoTracking().Include(r => r.Photos)
            .Where(r => r.ReporterEmail == sender).ToListAsync();
    }

    private static string Eml(string messageId, string from, string subject, string body, byte[]? jpeg = null)
    {
        var headers = $"From: {from}\r\nTo: urp@comune.firenze.it\r\nSubject: {subject}\r\nDate: Fri, 27 Nov 2026 09:15:00 +0100\r\nMessage-ID: <{messageId}>\r\nMIME-Version: 1.0\r\n";
        if (jpeg is null)
        {
            return headers + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n";
        }

        var base64 = Convert.ToBase64String(jpeg, Base64FormattingOptions.InsertLineBreaks);
        return headers + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body
            + "\r\n--b1\r\nContent-Type: image/jpeg; name=\"buca.jpg\"\r\nContent-Disposition: attachment; filename=\"buca.jpg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + base64 + "\r\n--b1\r\nContent-Type: image/jpeg; name=\"finta.jpg\"\r\nContent-Disposition: attachment; filename=\"finta.jpg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Convert.ToBase64String("non sono una foto"u8.ToArray()) + "\r\n--b1--\r\n";
    }

    [Fact]
    public async Task Each_message_becomes_one_report_even_when_the_job_runs_twice_or_finds_the_message_again_after_a_crash()
    {
        Directory.CreateDirectory(Inbox);
        await File.WriteAllTextAsync(Path.Combine(Inbox, "001.eml"),
            Eml("a1@example.it", "Giulia Verdi <giulia.verdi@example.it>", "Buca in via dei Servi", "C'è una buca profonda davanti al civico 12.", TestImages.JpegWithGps(43.7745, 11.2577)));
        await File.WriteAllTextAsync(Path.Combine(Inbox, "002.eml"),
            Eml("a2@example.it", "paolo.neri@example.it", "Orari dell'URP", "Vorrei sapere gli orari di apertura."));

        await RunJobAsync();
        await RunJobAsync();

        var giulia = (await MailReportsAsync("giulia.verdi@example.it")).ShouldHaveSingleItem();
        giulia.Channel.ShouldBe(ReportChannel.Email);
        giulia.ReporterName.ShouldBe("Giulia Verdi");
        giulia.ContactPreference.ShouldBe(ContactPreference.Email);
        giulia.Description.ShouldContain("Oggetto: Buca in via dei Servi");
        giulia.Description.ShouldContain("davanti al civico 12");
        giulia.Description.ShouldContain("finta.jpg");
        giulia.Moderation.ShouldBe(Moderation.Pending);
        giulia.Photos.ShouldHaveSingleItem().Latitude!.Value.ShouldBe(43.7745, 0.0001);
        giulia.Latitude!.Value.ShouldBe(43.7745, 0.0001); // the photo's position is the best guess of the place
        var paolo = (await MailReportsAsync("paolo.neri@example.it")).ShouldHaveSingleItem();
        paolo.CategoryCode.ShouldBe("servizi");
        paolo.Description.ShouldContain("orari di apertura");

        Directory.GetFiles(Inbox, "*.eml").ShouldBeEmpty();
        Directory.GetFiles(Path.Combine(Inbox, "processed")).Select(Path.GetFileName).ShouldBe(["001.eml", "002.eml"], ignoreOrder: true);

        // A crash after filing but before moving leaves the message in the inbox: found again, it is moved, not filed again.
        File.Copy(Path.Combine(Inbox, "processed", "001.eml"), Path.Combine(Inbox, "001.eml"));
        await RunJobAsync();
        (await MailReportsAsync("giulia.verdi@example.it")).Count.ShouldBe(1);
        Directory.GetFiles(Inbox, "*.eml").ShouldBeEmpty();
        File.Exists(Path.Combine(Inbox, "processed", "001-1.eml")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_malformed_file_and_a_message_without_sender_are_moved_to_rejected_with_the_reason_and_nothing_is_filed()
    {
        Directory.CreateDirectory(Inbox);
        await File.WriteAllBytesAsync(Path.Combine(Inbox, "rotto.eml"), [0x00, 0xFF, 0x13, 0x37, 0x0A, 0x0A]);
        await File.WriteAllTextAsync(Path.Combine(Inbox, "anonimo.eml"),
            "Subject: Lampioni spenti\r\nMessage-ID: <senza-mittente@example.it>\r\nContent-Type: text/plain\r\n\r\nIn via Pisana i lampioni sono spenti.\r\n");
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<InfoDeskDb>().MailMessages.IgnoreQueryFilters().AnyAsync(m => m.MessageId == "senza-mittente@example.it")).ShouldBeFalse();
        }

        await RunJobAsync();

        var rejected = Path.Combine(Inbox, "rejected");
        File.Exists(Path.Combine(rejected, "rotto.eml")).ShouldBeTrue();
        File.Exists(Path.Combine(rejected, "anonimo.eml")).ShouldBeTrue();
        (await File.ReadAllTextAsync(Path.Combine(rejected, "anonimo.eml.motivo.txt"))).ShouldContain("non ha un mittente");
        (await File.ReadAllTextAsync(Path.Combine(rejected, "rotto.eml.motivo.txt"))).ShouldContain("Motivo:");
        Directory.GetFiles(Inbox, "*.eml").ShouldBeEmpty();
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<InfoDeskDb>().Reports.IgnoreQueryFilters().AnyAsync(r => r.Description.Contains("lampioni sono spenti"))).ShouldBeFalse();
        }
    }
}
