using MimeKit;

namespace PenToscana.Kernel.Mail;

/// <summary>An e-mail to send, written to a module's outbox so that a mail server outage loses nothing.</summary>
public sealed record SendMail(string To, string Subject, string TextBody, string? HtmlBody = null, string? ToName = null);

/// <summary>Where e-mail finally goes: an SMTP server, or in development a pickup folder.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary><c>pickup</c> (writes .eml files; development) or <c>smtp</c>.</summary>
    public string Mode { get; set; } = "pickup";

    public string PickupFolder { get; set; } = "data/mail";

    public string FromAddress { get; set; } = "noreply@pentoscana.local";

    public string FromName { get; set; } = "PenToscana";

    public string SmtpHost { get; set; } = "localhost";

    public int SmtpPort { get; set; } = 587;

    /// <summary><c>auto</c>, <c>starttls</c>, <c>ssl</c> or <c>none</c>.</summary>
    public string SmtpSecurity { get; set; } = "auto";

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }
}
