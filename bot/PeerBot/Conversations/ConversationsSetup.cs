using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PeerBot.Conversations;

public static class ConversationsSetup
{
    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.AddSingleton<SealedLinks>();
        services.AddSingleton<ConversationRouter>();
        services.AddSingleton<TurnLedger>();
        services.AddHostedService<TurnSweeper>();
        services.AddSingleton<Outbox>();
        services.AddHostedService<OutboxNotes>();
        services.AddHostedService(sp => sp.GetRequiredService<Outbox>());
        services.AddSingleton<MemberMessenger>();
        services.AddSingleton<IChatCommand, HelpCommand>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
