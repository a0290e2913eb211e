using Microsoft.Extensions.Options;
using MimeKit;
using PenToscana.Kernel.Outbox;

namespace PenToscana.Kernel.Mail;

/// <summary>Turns a <see cref="SendMail"/> outbox message into a MIME message and hands it to the transport.</summary>
public sealed class MailDeliveryHandler(IMailTransport transport, IOptions<MailOptions> options) : IIntegrationEventHandler<SendMail>
{
    public Task HandleAsync(SendMail mail, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var message = new MimeMessage
        {
            // Stable Message-Id from the outbox id: a retried delivery is recognisably the same message.
            MessageId = $"{context.MessageId:N}@pentoscana",
            Subject = mail.Subject,
        };
        message.From.Add(new MailboxAddress(o.FromName, o.FromAddress));
        message.To.Add(new MailboxAddress(mail.ToName ?? "", mail.To));
        var body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody };
        message.Body = body.ToMessageBody();
        return transport.SendAsync(message, cancellationToken);
    }
}
