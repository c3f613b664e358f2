//! Where a socket's lines go in a task's stored output.
//!
//! A socket tells a contiguous run of the task's lines: line `k` it tells is stored line
//! `p + k` for some `p` it does not say. The run is placed once a read of the stored output
//! holds its first line: at the first stored line that is the same line (the same text,
//! written at the same instant). Lines the stored output already holds come from it; the
//! socket's follow on from there. A run that a later read contradicts (a line was lost on the
//! way) is dropped, and the next line the socket tells begins a new one.
//!
//! What this takes for granted: the socket did not begin listening between two identical
//! lines the server wrote in one microsecond (the first stored, the second not yet). Then the
//! first stored line identical to the run's first line is that line, since no earlier line is
//! identical to it. Otherwise the run would be placed on the earlier one, one line too soon.

use std::collections::VecDeque;

use super::line::same_line;
use crate::TaskOutput;

/// One line as the socket tells it: its time and text.
pub(crate) type SocketLine = (String, String);

/// The socket's lines since the run began, and where the run starts once that is known.
#[derive(Debug, Default)]
pub(crate) struct Placement {
    /// The lines told, from line `dropped` of the run on.
    lines: VecDeque<SocketLine>,
    /// How many of the run's first lines were dropped (handed out already).
    dropped: usize,
    /// The stored line the run starts at; `None` until a read holds its first line.
    start: Option<usize>,
}

impl Placement {
    /// Starts a new run: the lines told so far no longer follow on from the next ones (a new
    /// socket, or a message that could not be read and may have been a line).
    pub(crate) fn reset(&mut self) {
        *self = Placement::default();
    }

    /// Whether socket lines wait for a read of the stored output to be placed.
    pub(crate) fn waiting(&self) -> bool {
        self.start.is_none() && !self.lines.is_empty()
    }

    /// A line from the socket.
    pub(crate) fn push(&mut self, line: SocketLine, stored: &[TaskOutput]) {
        self.lines.push_back(line);
        self.refine(stored);
    }

    /// A new read of the stored output (or a new line): places the run if it was not, and
    /// drops it if the stored output contradicts it.
    pub(crate) fn refine(&mut self, stored: &[TaskOutput]) {
        if self.start.is_none() {
            let Some((time, output)) = self.lines.front() else {
                return;
            };
            // Nothing is dropped before the run is placed: its first line is the run's.
            self.start = stored
                .iter()
                .position(|s| same_line(&s.time, &s.output, time, output));
        }
        let Some(start) = self.start else {
            return;
        };
        let agrees = self.lines.iter().enumerate().all(|(i, (time, output))| {
            stored
                .get(start + self.dropped + i)
                .is_none_or(|s| same_line(&s.time, &s.output, time, output))
        });
        if !agrees {
            self.reset();
        }
    }

    /// Line `i` of the task as the socket told it, once the run is placed.
    pub(crate) fn line(&self, i: usize) -> Option<&SocketLine> {
        let k = i.checked_sub(self.start?)?;
        self.lines.get(k.checked_sub(self.dropped)?)
    }

    /// Forgets the run's lines placed before `seen` (handed out).
    pub(crate) fn handed_out(&mut self, seen: usize) {
        let Some(start) = self.start else {
            return;
        };
        while start + self.dropped < seen && !self.lines.is_empty() {
            self.lines.pop_front();
            self.dropped += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn stored(lines: &[(&str, &str)]) -> Vec<TaskOutput> {
        lines
            .iter()
            .map(|(time, output)| TaskOutput {
                time: (*time).into(),
                output: (*output).into(),
                ..Default::default()
            })
            .collect()
    }

    /// Hands out what can be, from `seen` on: the stored lines, then the socket's.
    fn hand_out(p: &mut Placement, stored: &[TaskOutput], seen: &mut usize, out: &mut Vec<String>) {
        while *seen < stored.len() {
            out.push(stored[*seen].output.clone());
            *seen += 1;
        }
        while let Some((_, line)) = p.line(*seen) {
            out.push(line.clone());
            *seen += 1;
        }
        p.handed_out(*seen);
    }

    #[test]
    fn identical_lines_in_one_instant_are_neither_repeated_nor_lost() {
        let t = "2026-11-29T03:46:58.985618Z";
        let all = [(t, "ok"), (t, "ok"), (t, "a"), (t, "b"), (t, "c")];
        // The socket began listening between the two `ok`s of one microsecond, and the first
        // read holds both: the socket's first `ok` is placed on the first, its `a` contradicts
        // that, the run is dropped and the next lines (`b`, `c`) begin a new one, placed when
        // a read holds `b`.
        let mut p = Placement::default();
        let (mut seen, mut out) = (0, Vec::new());
        let first = stored(&all[..2]);
        hand_out(&mut p, &first, &mut seen, &mut out);
        for line in &all[1..] {
            p.push((line.0.into(), line.1.into()), &first);
            hand_out(&mut p, &first, &mut seen, &mut out);
        }
        assert_eq!(out, ["ok", "ok"]);
        assert!(p.waiting());
        let second = stored(&all[..3]);
        p.refine(&second);
        hand_out(&mut p, &second, &mut seen, &mut out);
        assert_eq!(out, ["ok", "ok", "a"]);
        let third = stored(&all[..4]);
        p.refine(&third);
        hand_out(&mut p, &third, &mut seen, &mut out);
        // `b` from the stored output, `c` from the socket.
        assert_eq!(out, ["ok", "ok", "a", "b", "c"]);
    }

    /// One task's output, lines drawn from a few texts, their times never going back and often
    /// the same microsecond, so that identical lines in one instant are common.
    fn output() -> impl Strategy<Value = Vec<(String, String)>> {
        let line = (0..4u8, 0..3u8);
        prop::collection::vec(line, 0..14).prop_map(|lines| {
            let mut micros = 0u32;
            lines
                .into_iter()
                .map(|(step, text)| {
                    micros += u32::from(step == 0);
                    let time = format!("2026-11-29T03:46:50.{micros:06}Z");
                    (time, ["ok", "a", "changed"][text as usize].to_owned())
                })
                .collect()
        })
    }

    /// What can happen while a task runs: the socket tells its next line, or the stored
    /// output is read again (with one more line, or as it was).
    #[derive(Debug, Clone)]
    enum Event {
        Socket,
        Read { grows: usize },
    }

    proptest! {
        /// Whatever the lines, wherever the socket starts, however its lines and the reads
        /// of the stored output interleave (the stored output may lag the socket), the lines
        /// handed out are always the first lines of the task, in order, and after a last read
        /// of the whole output, every line once.
        #[test]
        fn lines_are_handed_out_once_in_order_whatever_the_interleaving(
            all in output(),
            start in 0usize..16,
            lagging in 0usize..16,
            events in prop::collection::vec(
                prop_oneof![Just(Event::Socket), (0usize..3).prop_map(|grows| Event::Read { grows })],
                0..40,
            ),
        ) {
            // What the placement takes for granted (see the module's docs): the socket did
            // not begin listening between two identical lines of one microsecond, so the
            // line it begins with is not a repeat of an earlier one.
            let repeats = |i: usize| {
                all[..i].iter().any(|(t, o)| same_line(t, o, &all[i].0, &all[i].1))
            };
            let start = (start.min(all.len())..=all.len())
                .find(|&i| i == all.len() || !repeats(i))
                .unwrap_or(all.len());
            let all_stored: Vec<TaskOutput> = all
                .iter()
                .map(|(t, o)| TaskOutput { time: t.clone(), output: o.clone(), ..Default::default() })
                .collect();
            let mut p = Placement::default();
            let (mut seen, mut out) = (0, Vec::new());
            // The first read comes after the socket opened: it holds at least what was stored
            // before, and at most what was written.
            let mut read = start.saturating_sub(lagging % (start + 1)).min(all.len());
            let mut told = start;
            let mut stored = all_stored[..read].to_vec();
            hand_out(&mut p, &stored, &mut seen, &mut out);
            for event in events {
                match event {
                    Event::Socket if told < all.len() => {
                        p.push(all[told].clone(), &stored);
                        told += 1;
                    }
                    Event::Socket => {}
                    Event::Read { grows } => {
                        // The stored output may be ahead of the socket or behind it.
                        read = (read + grows).min(all.len());
                        stored = all_stored[..read].to_vec();
                        p.refine(&stored);
                    }
                }
                hand_out(&mut p, &stored, &mut seen, &mut out);
                let expected: Vec<String> = all[..out.len()].iter().map(|(_, o)| o.clone()).collect();
                prop_assert_eq!(&out, &expected);
            }
            // The task ended: the whole output is read.
            p.refine(&all_stored);
            hand_out(&mut p, &all_stored, &mut seen, &mut out);
            let expected: Vec<String> = all.iter().map(|(_, o)| o.clone()).collect();
            prop_assert_eq!(out, expected);
        }
    }
}
