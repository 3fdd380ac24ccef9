package org.recurrent.ops;

import org.recurrent.autograd.Autograd;
import org.recurrent.tensor.Tensor;

/**
 * The score and read-out functions of encoder-decoder attention (one decoder query per sequence against the
 * encoder's Tk states), each fused with its hand-written backward. Letters: B batch, Tk source steps, A the
 * additive attention's width, D the query/key width, Dv the value width.
 * <pre>{@code
 * additiveScores:  e[b,t] = sum_a v[a] tanh(q[b,a] + k[b,t,a])      q (B, A)  k (B, Tk, A)  v (A)   e (B, Tk)
 *   u = tanh(q + k);  dv[a] = sum_{b,t} de[b,t] u[b,t,a];  dz[b,t,a] = de[b,t] v[a] (1 - u^2)
 *   dk = dz;  dq[b,a] = sum_t dz[b,t,a]
 * dotScores:       s[b,t] = sum_d q[b,d] k[b,t,d]                    q (B, D)  k (B, Tk, D)          s (B, Tk)
 *   dq[b,d] = sum_t ds[b,t] k[b,t,d];  dk[b,t,d] = ds[b,t] q[b,d]
 * context:         c[b,:] = sum_t w[b,t] val[b,t,:]                  w (B, Tk) val (B, Tk, Dv)        c (B, Dv)
 *   dw[b,t] = dc[b,:] . val[b,t,:];  dval[b,t,:] = w[b,t] dc[b,:]
 * }</pre>
 * Bahdanau et al. 2015 (additive, with q = W_q s and k = W_k h precomputed by the caller) and Luong et al. 2015
 * (dot, and general with k = W_a h). The weights between scores and context are a masked softmax
 * ({@link SoftmaxOps#maskedSoftmax}), so padded source steps get weight 0 and no gradient.
 */
final class AlignmentOps {
  private AlignmentOps() {}

  static Tensor additiveScores(Tensor query, Tensor keys, Tensor v) {
    if (query.dim() != 2 || keys.dim() != 3 || v.dim() != 1 || keys.size(0) != query.size(0)
        || keys.size(2) != query.size(1) || v.size(0) != query.size(1)) {
      throw new IllegalArgumentException("additiveScores: query, keys and v must be (B, A), (B, Tk, A) and (A), got "
          + query.shapeString() + ", " + keys.shapeString() + ", " + v.shapeString());
    }
    int B = keys.size(0), Tk = keys.size(1), A = keys.size(2);
    float[] q = query.data(), k = keys.data(), vd = v.data();
    float[] u = new float[B * Tk * A];                                        // (B, Tk, A) kept for backward
    Tensor e = Tensor.zeros(B, Tk);
    float[] ed = e.data();
    for (int b = 0; b < B; b++) {
      for (int t = 0; t < Tk; t++) {
        int off = (b * Tk + t) * A;
        double s = 0;
        for (int a = 0; a < A; a++) {
          float ua = (float) Math.tanh(q[b * A + a] + k[off + a]);            // u = tanh(q + k)
          u[off + a] = ua;
          s += vd[a] * ua;
        }
        ed[b * Tk + t] = (float) s;                                           // e = v . u
      }
    }
    return Autograd.record("additiveScores", e, () -> {
      float[] de = e.gradData();
      float[] dq = query.gradForAccumulation(), dk = keys.gradForAccumulation(), dv = v.gradForAccumulation();
      for (int b = 0; b < B; b++) {
        for (int t = 0; t < Tk; t++) {
          int off = (b * Tk + t) * A;
          float g = de[b * Tk + t];
          for (int a = 0; a < A; a++) {
            float ua = u[off + a];
            if (dv != null) dv[a] += g * ua;
            float dz = g * vd[a] * (1f - ua * ua);                            // through tanh
            if (dk != null) dk[off + a] += dz;
            if (dq != null) dq[b * A + a] += dz;
          }
        }
      }
    }, query, keys, v);
  }

  static Tensor dotScores(Tensor query, Tensor keys) {
    if (query.dim() != 2 || keys.dim() != 3 || keys.size(0) != query.size(0) || keys.size(2) != query.size(1)) {
      throw new IllegalArgumentException("dotScores: query and keys must be (B, D) and (B, Tk, D), got "
          + query.shapeString() + " and " + keys.shapeString());
    }
    int B = keys.size(0), Tk = keys.size(1), D = keys.size(2);
    float[] q = query.data(), k = keys.data();
    Tensor s = Tensor.zeros(B, Tk);
    float[] sd = s.data();
    for (int b = 0; b < B; b++) {
      for (int t = 0; t < Tk; t++) {
        int off = (b * Tk + t) * D;
        double acc = 0;
        for (int d = 0; d < D; d++) acc += q[b * D + d] * k[off + d];
        sd[b * Tk + t] = (float) acc;                                         // s = q . k
      }
    }
    return Autograd.record("dotScores", s, () -> {
      float[] ds = s.gradData();
      float[] dq = query.gradForAccumulation(), dk = keys.gradForAccumulation();
      for (int b = 0; b < B; b++) {
        for (int t = 0; t < Tk; t++) {
          int off = (b * Tk + t) * D;
          float g = ds[b * Tk + t];
          for (int d = 0; d < D; d++) {
            if (dq != null) dq[b * D + d] += g * k[off + d];
            if (dk != null) dk[off + d] += g * q[b * D + d];
          }
        }
      }
    }, query, keys);
  }

  static Tensor context(Tensor weights, Tensor values) {
    if (weights.dim() != 2 || values.dim() != 3 || values.size(0) != weights.size(0)
        || values.size(1) != weights.size(1)) {
      throw new IllegalArgumentException("attention context: weights and values must be (B, Tk) and (B, Tk, Dv), got "
          + weights.shapeString() + " and " + values.shapeString());
    }
    int B = values.size(0), Tk = values.size(1), Dv = values.size(2);
    float[] w = weights.data(), val = values.data();
    Tensor c = Tensor.zeros(B, Dv);
    float[] cd = c.data();
    for (int b = 0; b < B; b++) {
      for (int t = 0; t < Tk; t++) {
        float wt = w[b * Tk + t];
        if (wt == 0f) continue;                                               // masked steps add nothing
        int off = (b * Tk + t) * Dv;
        for (int j = 0; j < Dv; j++) cd[b * Dv + j] += wt * val[off + j];     // c = sum_t w_t val_t
      }
    }
    return Autograd.record("attentionContext", c, () -> {
      float[] dc = c.gradData();
      float[] dw = weights.gradForAccumulation(), dval = values.gradForAccumulation();
      for (int b = 0; b < B; b++) {
        for (int t = 0; t < Tk; t++) {
          int off = (b * Tk + t) * Dv;
          float wt = w[b * Tk + t];
          double acc = 0;
          for (int j = 0; j < Dv; j++) {
            acc += dc[b * Dv + j] * val[off + j];
            if (dval != null) dval[off + j] += wt * dc[b * Dv + j];
          }
          if (dw != null) dw[b * Tk + t] += (float) acc;
        }
      }
    }, weights, values);
  }
}
