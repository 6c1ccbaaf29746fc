namespace PeerBot.Cards;

public static class CardsSetup
{
    public static IServiceCollection AddCards(this IServiceCollection services)
    {
        services.AddSingleton(_ => CardLibrary.FromAppDirectory());
        return services;
    }
}
