using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Outbox;
using PenToscana.Modules.Applications.Data;

namespace PenToscana.IntegrationTests.Applications;

/// <summary>
/// An application registered in the request that submits it leaves its own submission event delivered, so the outbox does not
/// repeat the registration; the other events of that request (the receipt e-mail) still wait for the outbox.
/// </summary>
public sealed class InlineRegistrationTests(QuietOutboxFactory platform) : IClassFixture<QuietOutboxFactory>
{
    [Fact]
    public async Task A_submission_registered_at_once_leaves_its_submission_event_delivered_and_the_receipt_waiting_for_the_outbox()
    {
        var citizen = await platform.SignedInClientAsync(Personas.CitizenMario);
        var draft = await ApplicationJourneyTests.StartNurseryDraftAsync(citizen);
        await ApplicationJourneyTests.FillNurseryAsync(citizen, draft);
        var id = await ApplicationJourneyTests.SubmitAsync(citizen, draft);

        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationsDb>();
        var submission = await db.Submissions.AsNoTracking().SingleAsync(s => s.Id == id, TestContext.Current.CancellationToken);
        submission.Status.ShouldBe(SubmissionStatus.Registered);
        submission.ProtocolNumber.ShouldNotBeNull();

        var events = await db.Outbox.AsNoTracking().Where(m => m.EnteId == submission.EnteId).ToListAsync(TestContext.Current.CancellationToken);
        var own = events.Single(m => m.Type.EndsWith(".ApplicationSubmitted", StringComparison.Ordinal) && m.Payload.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase));
        own.Status.ShouldBe(OutboxStatus.Delivered);
        own.Attempts.ShouldBe(1);
        own.DeliveredAt.ShouldNotBeNull();

        var receipt = events.Single(m => m.Type.EndsWith(".SendMail", StringComparison.Ordinal) && m.Payload.Contains(submission.Reference, StringComparison.Ordinal));
        receipt.Status.ShouldBe(OutboxStatus.Pending);
        receipt.DeliveredAt.ShouldBeNull();
    }
}
