using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using MimeKit;
using PenToscana.Kernel.Jobs;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;
using PenToscana.Modules.InfoDesk.Features.FileReport;
using PenToscana.Modules.InfoDesk.Features.Photos;

namespace PenToscana.Modules.InfoDesk.Features.MailIntake;

/// <summary>Where a body's intake mailbox is and what its messages become.</summary>
internal sealed record MailboxSettings(string Inbox, string CategoryCode, ReportType Type)
{
    public string Processed => Path.Combine(Inbox, "processed");

    public string Rejected => Path.Combine(Inbox, "rejected");
}

/// <summary>
/// E-mail intake: every <c>.eml</c> file in a body's mailbox folder (by default <c>{data}/infodesk/posta/{ipa}</c>, where a
/// mail client or a fetchmail/IMAP rule drops them) becomes a report with channel e-mail: the sender as contact, subject and
/// text as description, image attachments as photos through the usual photo cleaning. The file then moves to
/// <c>processed</c>; a file that cannot become a report moves to <c>rejected</c> next to a <c>.motivo.txt</c> saying why.
/// The message's key (Message-ID, or the file's SHA-256 when it has none) is stored with the report in the same
/// transaction: a file found again after a crash between filing and moving is recognised and only moved.
/// </summary>
internal sealed partial class MailIntakeJob(InfoDeskDb db, Bodies bodies, FileReportHandler file, IConfiguration configuration, ILogger<MailIntakeJob> logger) : IScheduledJob
{
    public const string JobName = "infodesk-mail-intake";
    public const long MaxMessageBytes = 30L * 1024 * 1024;

    public string Name => JobName;

    public string Description => "Segnalazioni: lettura delle e-mail (.eml) dalle cartelle di posta degli enti";

    public JobSchedule Schedule => JobSchedule.Every(TimeSpan.FromMinutes(1));

    public static string RootFolder(IConfiguration configuration)
        => configuration["InfoDesk:MailIntake:Root"] is { Length: > 0 } root
            ? Path.GetFullPath(root)
            : Path.Combine(Path.GetFullPath(configuration["Storage:DataPath"] ?? "data"), "infodesk", "posta");

    public MailboxSettings SettingsFor(string ipa)
    {
        var section = configuration.GetSection($"InfoDesk:MailIntake:Bodies:{ipa}");
        var inbox = section["Folder"] is { Length: > 0 } folder ? Path.GetFullPath(folder) : Path.Combine(RootFolder(configuration), ipa);
        var category = section["Category"] ?? configuration["InfoDesk:MailIntake:Category"] ?? "servizi";
        var type = Enum.TryParse<ReportType>(section["Type"] ?? configuration["InfoDesk:MailIntake:Type"], ignoreCase: true, out var t) ? t : ReportType.Issue;
        return new MailboxSettings(inbox, category, type);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (string.Equals(configuration["InfoDesk:MailIntake:Enabled"], "false", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var withDesk = await db.Settings.IgnoreQueryFilters().AsNoTracking().Select(s => s.EnteId).ToListAsync(cancellationToken);
        var all = await bodies.AllAsync(cancellationToken);
        foreach (var ente in withDesk.Select(id => all.GetValueOrDefault(id)).OfType<Ente>().OrderBy(e => e.IpaCode, StringComparer.Ordinal))
        {
            var mailbox = SettingsFor(ente.IpaCode);
            Directory.CreateDirectory(mailbox.Inbox);
            foreach (var path in Directory.EnumerateFiles(mailbox.Inbox, "*.eml").Order(StringComparer.Ordinal).ToList())
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    await TakeAsync(ente, mailbox, path, cancellationToken);
                }
                catch (IOException ex)
                {
                    // Still being written by the mail client, or moved by someone else: the next run sees it again.
                    LogFileSkipped(logger, path, ex);
                }
            }
        }
    }

    private async Task TakeAsync(Ente ente, MailboxSettings mailbox, string path, CancellationToken ct)
    {
        var info = new FileInfo(path);
        if (info.Length > MaxMessageBytes)
        {
            Reject(mailbox, path, $"Il messaggio supera i {MaxMessageBytes / 1024 / 1024} MB.");
            return;
        }

        var bytes = await File.ReadAllBytesAsync(path, ct);
        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            message = await MimeMessage.LoadAsync(stream, ct);
        }
        catch (FormatException ex)
        {
            Reject(mailbox, path, $"Il file non è un messaggio di posta leggibile (formato RFC 5322): {ex.Message}");
            return;
        }

        var key = string.IsNullOrWhiteSpace(message.MessageId)
            ? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes))
            : message.MessageId.Trim();
        if (key.Length > 500)
        {
            key = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        }

        if (await db.MailMessages.IgnoreQueryFilters().AnyAsync(m => m.EnteId == ente.Id && m.MessageId == key, ct))
        {
            // Filed already (a crash came between filing and moving, or the same message was delivered twice).
            Move(path, mailbox.Processed);
            return;
        }

        var sender = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        if (sender is null || string.IsNullOrWhiteSpace(sender.Address) || !sender.Address.Contains('@', StringComparison.Ordinal))
        {
            Reject(mailbox, path, "Il messaggio non ha un mittente (From) con un indirizzo e-mail: non si saprebbe a chi rispondere.");
            return;
        }

        var body = message.TextBody;
        if (string.IsNullOrWhiteSpace(body) && message.HtmlBody is { } html)
        {
            body = HtmlText(html);
        }

        var subject = message.Subject?.Trim();
        if (string.IsNullOrWhiteSpace(subject) && string.IsNullOrWhiteSpace(body))
        {
            Reject(mailbox, path, "Il messaggio non ha né oggetto né testo.");
            return;
        }

        var photos = new List<UploadedPhoto>();
        var skipped = new List<string>();
        foreach (var attachment in message.Attachments.OfType<MimePart>())
        {
            var name = attachment.FileName ?? "allegato";
            if (!attachment.ContentType.MimeType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || attachment.Content is null)
            {
                continue;
            }

            using var content = new MemoryStream();
            await attachment.Content.DecodeToAsync(content, ct);
            var candidate = content.ToArray();
            if (photos.Count >= PhotoProcessor.MaxPhotos)
            {
                skipped.Add($"{name} (oltre le {PhotoProcessor.MaxPhotos} foto)");
                continue;
            }

            var check = PhotoProcessor.Process(candidate, name);
            if (check.IsFailure)
            {
                skipped.Add($"{name} ({check.Error.Message})");
            }
            else
            {
                photos.Add(new UploadedPhoto(name, candidate));
            }
        }

        var description = ComposeDescription(subject, body, skipped);
        var result = await file.HandleAsync(new FileReportRequest(
            ente.IpaCode, mailbox.Type, mailbox.CategoryCode, description, null, null, null,
            new Dictionary<string, IReadOnlyList<string>>(), photos,
            new Reporter(null, string.IsNullOrWhiteSpace(sender.Name) ? null : sender.Name.Trim(), sender.Address.Trim(), null, null, ContactPreference.Email),
            Anonymous: false, ReportChannel.Email, RegisteredByTaxCode: null)
        {
            MailboxMessageId = key,
        }, ct);
        if (result.IsFailure)
        {
            db.ChangeTracker.Clear();
            Reject(mailbox, path, result.Error.Message);
            return;
        }

        LogFiled(logger, path, result.Value.Id);
        Move(path, mailbox.Processed);
    }

    internal static string ComposeDescription(string? subject, string? body, IReadOnlyList<string> skipped)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(subject))
        {
            text.Append("Oggetto: ").Append(subject.Trim()).Append("\n\n");
        }

        text.Append(body?.Trim());
        var notes = skipped.Count == 0 ? "" : "\n\n[Allegati non importati come foto: " + string.Join("; ", skipped) + "]";
        const string cut = "\n[Testo troncato: il messaggio completo è conservato nella cartella della posta.]";
        int room = FileReportHandler.MaxDescription - notes.Length;
        var description = text.Length > room ? text.ToString(0, room - cut.Length) + cut : text.ToString();
        return description + notes;
    }

    /// <summary>The text of an HTML-only message: scripts and styles dropped, tags removed, entities decoded.</summary>
    internal static string HtmlText(string html)
    {
        var text = ScriptOrStyle().Replace(html, " ");
        text = BlockEnd().Replace(text, "\n");
        text = Tag().Replace(text, "");
        return System.Net.WebUtility.HtmlDecode(text).Trim();
    }

    [System.Text.RegularExpressions.GeneratedRegex("<(script|style)[^>]*>.*?</\\1>", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex ScriptOrStyle();

    [System.Text.RegularExpressions.GeneratedRegex("<(br|/p|/div|/li|/tr)[^>]*>", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex BlockEnd();

    [System.Text.RegularExpressions.GeneratedRegex("<[^>]*>")]
    private static partial System.Text.RegularExpressions.Regex Tag();

    private static void Reject(MailboxSettings mailbox, string path, string reason)
    {
        var moved = Move(path, mailbox.Rejected);
        File.WriteAllText(moved + ".motivo.txt",
            string.Create(CultureInfo.InvariantCulture, $"Messaggio scartato il {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC.\nMotivo: {reason}\n"), new UTF8Encoding(false));
    }

    /// <summary>Moves the file into <paramref name="folder"/>, never overwriting: a name already there gets a counter.</summary>
    private static string Move(string path, string folder)
    {
        Directory.CreateDirectory(folder);
        var name = Path.GetFileNameWithoutExtension(path);
        var target = Path.Combine(folder, Path.GetFileName(path));
        for (int i = 1; File.Exists(target); i++)
        {
            target = Path.Combine(folder, $"{name}-{i}{Path.GetExtension(path)}");
        }

        File.Move(path, target);
        return target;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail {Path} filed as report {ReportId}")]
    private static partial void LogFiled(ILogger logger, string path, Guid reportId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {Path} skipped for now")]
    private static partial void LogFileSkipped(ILogger logger, string path, Exception exception);
}
