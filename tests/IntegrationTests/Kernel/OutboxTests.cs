using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Outbox;

namespace PenToscana.IntegrationTests.Kernel;

public sealed record ParcelShipped(string Reference, bool Fail = false);

/// <summary>Records what it receives; fails on demand, like a downstream system that is down.</summary>
public sealed class ParcelShippedHandler(ParcelLog log) : IIntegrationEventHandler<ParcelShipped>
{
    public Task HandleAsync(ParcelShipped integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (integrationEvent.Fail || log.FailingReferences.ContainsKey(integrationEvent.Reference))
        {
            throw new InvalidOperationException($"downstream refused {integrationEvent.Reference}");
        }

        log.Deliveries.Enqueue((integrationEvent.Reference, context.MessageId));
        return Task.CompletedTask;
    }
}

public sealed class ParcelLog
{
    public ConcurrentQueue<(string Reference, Guid MessageId)> Deliveries { get; } = new();

    public ConcurrentDictionary<string, bool> FailingReferences { get; } = new();
}

// The background dispatcher is off: each test drives delivery itself, deterministically.
public sealed class OutboxFactory : QuietOutboxFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ParcelLog>();
            services.AddIntegrationEventHandler<ParcelShipped, ParcelShippedHandler>();
        });
    }
}

public sealed class OutboxTests(OutboxFactory platform) : IClassFixture<OutboxFactory>
{
    private ParcelLog Log => platform.Service<ParcelLog>();

    private OutboxProcessor<KernelDb> Processor => platform.Service<OutboxProcessor<KernelDb>>();

    private async Task PublishAsync(params ParcelShipped[] events)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KernelDb>();
        foreach (var e in events)
        {
            db.Publish(e, DateTimeOffset.UtcNow);
        }

        await db.SaveChangesAsync();
    }

    private async Task<OutboxMessage> MessageOfAsync(string reference)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KernelDb>();
        var all = await db.Outbox.AsNoTracking().Where(m => m.Type == typeof(ParcelShipped).FullName).ToListAsync();
        return all.Single(m => m.Payload.Contains($"\"{reference}\"", StringComparison.Ordinal));
    }

    private async Task DrainAsync()
    {
        while (await Processor.ProcessBatchAsync(50, TestContext.Current.CancellationToken) > 0)
        {
        }
    }

    [Fact]
    public async Task A_published_event_is_delivered_to_its_handler_once_and_marked_delivered()
    {
        await PublishAsync(new ParcelShipped("P-1"));
        await DrainAsync();
        await DrainAsync();

        Log.Deliveries.Count(d => d.Reference == "P-1").ShouldBe(1);
        var message = await MessageOfAsync("P-1");
        message.Status.ShouldBe(OutboxStatus.Delivered);
        message.DeliveredAt.ShouldNotBeNull();
        Log.Deliveries.Single(d => d.Reference == "P-1").MessageId.ShouldBe(message.Id);
    }

    [Fact]
    public async Task In_one_batch_the_delivered_messages_are_marked_together_and_a_failing_one_is_kept_for_a_retry_alone()
    {
        Log.FailingReferences["B-2"] = true;
        await PublishAsync(new ParcelShipped("B-1"), new ParcelShipped("B-2"), new ParcelShipped("B-3"));
        var before = DateTimeOffset.UtcNow;
        await Processor.ProcessBatchAsync(50, TestContext.Current.CancellationToken);

        foreach (var reference in new[] { "B-1", "B-3" })
        {
            var done = await MessageOfAsync(reference);
            done.Status.ShouldBe(OutboxStatus.Delivered);
            done.Attempts.ShouldBe(1);
            done.DeliveredAt!.Value.ShouldBeGreaterThanOrEqualTo(before.AddSeconds(-1));
            done.ClaimToken.ShouldBeNull();
            done.LockedUntil.ShouldBeNull();
            Log.Deliveries.Count(d => d.Reference == reference).ShouldBe(1);
        }

        var failed = await MessageOfAsync("B-2");
        failed.Status.ShouldBe(OutboxStatus.Pending);
        failed.Attempts.ShouldBe(1);
        failed.ClaimToken.ShouldBeNull();
        failed.DeliveredAt.ShouldBeNull();
        failed.LastError!.ShouldContain("downstream refused B-2");

        Log.FailingReferences.TryRemove("B-2", out _);
        await MakeDueAsync(failed.Id);
        await DrainAsync();
        (await MessageOfAsync("B-2")).Status.ShouldBe(OutboxStatus.Delivered);
        Log.Deliveries.Count(d => d.Reference.StartsWith("B-", StringComparison.Ordinal)).ShouldBe(3);
    }

    [Fact]
    public async Task An_event_of_a_change_that_is_rolled_back_is_never_written()
    {
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KernelDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Publish(new ParcelShipped("P-ROLLBACK"), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }

        await DrainAsync();
        await using var check = platform.Services.CreateAsyncScope();
        var outbox = await check.ServiceProvider.GetRequiredService<KernelDb>().Outbox.AsNoTracking().ToListAsync();
        outbox.ShouldNotContain(m => m.Payload.Contains("P-ROLLBACK", StringComparison.Ordinal));
        Log.Deliveries.ShouldNotContain(d => d.Reference == "P-ROLLBACK");
    }

    [Fact]
    public async Task A_failing_delivery_is_retried_later_with_growing_back_off_and_keeps_its_error()
    {
        Log.FailingReferences["P-FLAKY"] = true;
        await PublishAsync(new ParcelShipped("P-FLAKY"));
        var before = DateTimeOffset.UtcNow;
        await DrainAsync();

        var failed = await MessageOfAsync("P-FLAKY");
        failed.Status.ShouldBe(OutboxStatus.Pending);
        failed.Attempts.ShouldBe(1);
        failed.LastError!.ShouldContain("downstream refused P-FLAKY");
        failed.NextAttemptAt.ShouldBeGreaterThan(before + TimeSpan.FromSeconds(4));

        // Not due yet: a second pass leaves it alone.
        await DrainAsync();
        (await MessageOfAsync("P-FLAKY")).Attempts.ShouldBe(1);

        OutboxMessage.BackOff(2).ShouldBeGreaterThan(OutboxMessage.BackOff(1));
        OutboxMessage.BackOff(30).ShouldBe(TimeSpan.FromHours(1));

        // The downstream system recovers and the message falls due: it is delivered.
        Log.FailingReferences.TryRemove("P-FLAKY", out _);
        await MakeDueAsync(failed.Id);
        await DrainAsync();
        (await MessageOfAsync("P-FLAKY")).Status.ShouldBe(OutboxStatus.Delivered);
        Log.Deliveries.Count(d => d.Reference == "P-FLAKY").ShouldBe(1);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_parked_as_failed_after_the_last_attempt()
    {
        await PublishAsync(new ParcelShipped("P-DEAD", Fail: true));
        var id = (await MessageOfAsync("P-DEAD")).Id;
        for (int i = 0; i < OutboxMessage.MaxAttempts; i++)
        {
            await MakeDueAsync(id);
            await DrainAsync();
        }

        var parked = await MessageOfAsync("P-DEAD");
        parked.Status.ShouldBe(OutboxStatus.Failed);
        parked.Attempts.ShouldBe(OutboxMessage.MaxAttempts);

        await MakeDueAsync(id);
        await DrainAsync();
        (await MessageOfAsync("P-DEAD")).Attempts.ShouldBe(OutboxMessage.MaxAttempts);
    }

    [Fact]
    public async Task Two_dispatchers_draining_the_same_outbox_deliver_every_message_exactly_once()
    {
        var events = Enumerable.Range(0, 120).Select(i => new ParcelShipped($"PAR-{i:000}")).ToArray();
        await PublishAsync(events);

        // Two processors with their own scopes and connections, as two nodes would have.
        var second = ActivatorUtilities.CreateInstance<OutboxProcessor<KernelDb>>(platform.Services);
        async Task Drain(OutboxProcessor<KernelDb> processor)
        {
            while (await processor.ProcessBatchAsync(10, TestContext.Current.CancellationToken) > 0)
            {
            }
        }

        await Task.WhenAll(Task.Run(() => Drain(Processor)), Task.Run(() => Drain(second)));

        var delivered = Log.Deliveries.Where(d => d.Reference.StartsWith("PAR-", StringComparison.Ordinal)).ToList();
        delivered.Count.ShouldBe(120);
        delivered.Select(d => d.Reference).Distinct().Count().ShouldBe(120);
    }

    private async Task MakeDueAsync(Guid id)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KernelDb>();
        var past = DateTimeOffset.UtcNow.AddSeconds(-1);
        await db.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, past));
    }
}
