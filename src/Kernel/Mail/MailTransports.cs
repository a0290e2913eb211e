using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace PenToscana.Kernel.Mail;

/// <summary>Delivers through an SMTP server with MailKit.</summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var client = new SmtpClient();
        var security = o.SmtpSecurity.ToLowerInvariant() switch
        {
            "ssl" => SecureSocketOptions.SslOnConnect,
            "starttls" => SecureSocketOptions.StartTls,
            "none" => SecureSocketOptions.None,
            _ => SecureSocketOptions.Auto,
        };
        await client.ConnectAsync(o.SmtpHost, o.SmtpPort, security, cancellationToken);
        if (!string.IsNullOrEmpty(o.SmtpUser))
        {
            await client.AuthenticateAsync(o.SmtpUser, o.SmtpPassword ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}

/// <summary>Writes each message as an .eml file into a folder (development and tests); <c>/dev/mailbox</c> shows them.</summary>
public sealed class PickupFolderMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public string Folder => Path.GetFullPath(options.Value.PickupFolder);

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        string name = $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{(message.MessageId ?? Guid.NewGuid().ToString("N")).Replace('@', '_').Replace('/', '_')}.eml";
        string temp = Path.Combine(Folder, "." + name + ".tmp");
        await using (var file = File.Create(temp))
        {
            await message.WriteToAsync(file, cancellationToken);
        }

        File.Move(temp, Path.Combine(Folder, name), overwrite: true);
    }
}
