namespace PeerBot.Intros;

/// <summary>
/// Told after an introduction moved (accepted, declined, cancelled, expired) by the call that made the change, so
/// another feature can follow intro outcomes without reading the introductions table.
/// </summary>
public interface IIntroWatcher
{
    Task MovedAsync(Introduction intro, CancellationToken cancellationToken);
}
