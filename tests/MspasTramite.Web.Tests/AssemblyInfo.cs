// One app at a time. Hangfire keeps its log provider in a static (LogProvider.Current, set to the
// last host's ILoggerFactory): when a host stops while another still runs, the other's workers fail
// on the disposed factory and stop sending email. Apps of different collections must not overlap.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
