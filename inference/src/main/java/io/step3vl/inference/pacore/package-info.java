/**
 * Parallel Coordinated Reasoning (PaCoRe) as the public StepFun code runs it: round 0 samples K
 * independent rollouts; each later round asks for syntheses of the previous round's answers, built
 * with the exact synthesis prompt the released models were trained on; a final round of one gives
 * the answer. Works on any {@link io.step3vl.inference.ChatBackend}.
 */
package io.step3vl.inference.pacore;
