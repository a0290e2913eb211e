using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using MimeKit;
using PenToscana.Kernel.Mail;

namespace PenToscana.Web.Pages.Dev;

/// <summary>Development mailbox: the .eml files of the pickup folder. Not available outside development.</summary>
public sealed class MailboxModel(IOptions<MailOptions> options, IWebHostEnvironment environment) : PageModel
{
    public sealed record Mail(string File, string Subject, string From, string To, DateTimeOffset Date, string TextBody);

    public string Folder => Path.GetFullPath(options.Value.PickupFolder);

    public IReadOnlyList<Mail> Messages { get; private set; } = [];

    public Mail? Selected { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? file, CancellationToken ct)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        var list = new List<Mail>();
        if (Directory.Exists(Folder))
        {
            foreach (var path in Directory.GetFiles(Folder, "*.eml").OrderDescending().Take(100))
            {
                list.Add(await ReadAsync(path, ct));
            }
        }

        Messages = list;
        if (file is not null)
        {
            // Only a bare file name from the list: never a path.
            Selected = list.FirstOrDefault(m => m.File == file);
            if (Selected is null)
            {
                return NotFound();
            }
        }

        return Page();
    }

    private static async Task<Mail> ReadAsync(string path, CancellationToken ct)
    {
        var message = await MimeMessage.LoadAsync(path, ct);
        return new Mail(Path.GetFileName(path), message.Subject ?? "(senza oggetto)", message.From.ToString(), message.To.ToString(), message.Date,
            message.TextBody ?? message.HtmlBody ?? "");
    }
}
