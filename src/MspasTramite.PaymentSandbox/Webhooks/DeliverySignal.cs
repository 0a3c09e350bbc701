using System.Threading.Channels;

namespace MspasTramite.PaymentSandbox.Webhooks;

/// Wakes the delivery service when an event is queued, so the app hears of a payment at once rather
/// than at the next poll.
internal sealed class DeliverySignal
{
    private readonly Channel<bool> channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => channel.Writer.TryWrite(true);

    /// Returns when notified or when the timeout (measured on the given clock) has passed.
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (channel.Reader.TryRead(out _))
        {
            return;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, clock, cts.Token);
        var notified = channel.Reader.WaitToReadAsync(cts.Token).AsTask();
        await Task.WhenAny(delay, notified).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        channel.Reader.TryRead(out _);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
