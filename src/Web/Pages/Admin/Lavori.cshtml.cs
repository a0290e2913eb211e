using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Audit;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Jobs;
using PenToscana.Kernel.Mail;
using PenToscana.Kernel.Modules;
using PenToscana.Kernel.Outbox;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Identity;
using PenToscana.Kernel.Calendar;

namespace PenToscana.Web.Pages.Admin;

/// <summary>Pending and failed outbox messages of every module and the scheduled jobs, with retry.</summary>
[Authorize(Policy = IdentityModule.PlatformAdminPolicy)]
public sealed class LavoriModel(
    IServiceProvider services,
    IEnumerable<ModuleDbDescriptor> databases,
    KernelDb kernel,
    JobRunner runner,
    AuditLog audit,
    ICurrentUser user,
    TimeProvider time) : PageModel
{
    public sealed record ModuleSummary(string Module, int Pending, int Failed);

    public sealed record ModuleMessage(string Module, OutboxMessage Message);

    public IReadOnlyList<ModuleSummary> Summaries { get; private set; } = [];

    public IReadOnlyList<ModuleMessage> Messages { get; private set; } = [];

    public IReadOnlyList<ScheduledJob> Jobs { get; private set; } = [];

    public string? DefaultTestAddress => user.Email;

    public string Local(DateTimeOffset at) => at.ToItalianDisplay();

    public async Task OnGetAsync(CancellationToken ct)
    {
        await runner.EnsureRegisteredAsync(ct);
        var summaries = new List<ModuleSummary>();
        var messages = new List<ModuleMessage>();
        foreach (var db in ModuleDbs())
        {
            var open = await db.Outbox.AsNoTracking().Where(m => m.Status != OutboxStatus.Delivered).OrderBy(m => m.CreatedAt).Take(200).ToListAsync(ct);
            summaries.Add(new(db.ModuleName, open.Count(m => m.Status == OutboxStatus.Pending), open.Count(m => m.Status == OutboxStatus.Failed)));
            messages.AddRange(open.Select(m => new ModuleMessage(db.ModuleName, m)));
        }

        Summaries = summaries;
        Messages = messages.OrderByDescending(m => m.Message.Status).ThenBy(m => m.Message.CreatedAt).ToList();
        Jobs = await kernel.ScheduledJobs.AsNoTracking().OrderBy(j => j.Name).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostRetryAsync(string module, Guid id, CancellationToken ct)
    {
        var db = ModuleDbs().FirstOrDefault(d => d.ModuleName == module);
        if (db is null)
        {
            return NotFound();
        }

        var now = time.GetUtcNow();
        int changed = await db.Outbox.Where(m => m.Id == id && m.Status != OutboxStatus.Delivered)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.NextAttemptAt, now).SetProperty(m => m.Attempts, 0), ct);
        if (changed == 0)
        {
            return NotFound();
        }

        await audit.AppendAsync(new AuditRecord(user.TaxCode ?? "?", "kernel.outbox.retried", null, $"{module}/{id}"), ct);
        TempData["Success"] = "Il messaggio verrà consegnato di nuovo entro pochi secondi.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRunAsync(string name, CancellationToken ct)
    {
        var registration = runner.Registrations.FirstOrDefault(r => r.Name == name);
        if (registration is null)
        {
            return NotFound();
        }

        bool ran = await runner.TryRunAsync(registration, force: true, ct);
        await audit.AppendAsync(new AuditRecord(user.TaxCode ?? "?", "kernel.job.run", null, name), ct);
        TempData[ran ? "Success" : "Error"] = ran ? $"Lavoro «{name}» eseguito." : $"Il lavoro «{name}» è già in esecuzione.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTestMailAsync(string? to, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(to) || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(to))
        {
            TempData["Error"] = "Indica un indirizzo e-mail valido per la prova.";
            return RedirectToPage();
        }

        kernel.Publish(new SendMail(to.Trim(), "PenToscana: e-mail di prova",
            "Questa è un'e-mail di prova inviata dalla pagina Lavori in background di PenToscana.\nSe la ricevi, l'invio della posta funziona."), time.GetUtcNow());
        await kernel.SaveChangesAsync(ct);
        TempData["Success"] = $"E-mail di prova messa in coda per {to}.";
        return RedirectToPage();
    }

    private IEnumerable<ModuleDb> ModuleDbs() => databases.Select(d => (ModuleDb)services.GetRequiredService(d.DbType));
}
