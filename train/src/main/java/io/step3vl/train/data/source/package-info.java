/**
 * Data sources as a trainer names them ({@code [name=]path[,path...][@weight]}), mixed by ratio
 * (e.g. SFT stage 1 text:multimodal 9:1, stage 2 1:1), and {@link io.step3vl.train.data.source.DataLoader},
 * the one call that opens (or resumes) the whole stream.
 */
package io.step3vl.train.data.source;
