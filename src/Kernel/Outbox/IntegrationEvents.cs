using Microsoft.Extensions.DependencyInjection;

namespace PenToscana.Kernel.Outbox;

/// <summary>What a handler knows about the message it is handling; <see cref="MessageId"/> makes handlers idempotent.</summary>
public sealed record IntegrationEventContext(Guid MessageId, Guid? EnteId, int Attempt);

/// <summary>Reacts to an integration event delivered from a module's outbox. Must be idempotent: a message can arrive twice.</summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : class
{
    Task HandleAsync(TEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken);
}

/// <summary>Links an event type name to the handlers registered for it.</summary>
public sealed record IntegrationEventRegistration(string TypeName, Type EventType, Type HandlerType);

public static class IntegrationEventRegistrationExtensions
{
    public static IServiceCollection AddIntegrationEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : class
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        services.AddScoped<THandler>();
        services.AddSingleton(new IntegrationEventRegistration(typeof(TEvent).FullName!, typeof(TEvent), typeof(THandler)));
        return services;
    }
}
